import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { TENANT_CLAIM, isGroup, type Group } from '../../shared/auth/groups';
import { ID_TYPE_NAMES, ID_TYPES, identityDocumentProblem, normaliseCountryCode, normaliseIdNumber, type IdentityDocument, type IdType } from '../../shared/ids/identity-document';
import { personIdForDocument } from '../../shared/pii/document-hash';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localPiiHashKey, localSigningKey } from './secrets';

export interface TokenRequest {
  group: Group;
  /** institutionId, unitId or expertId; a professional's identity document number; an issuer's region. */
  tenant?: string;
  /** A professional's identity document (DESIGN §2): RESIDENT unless told. */
  idType?: IdType;
  /** A passport's issuing country (ISO 3166-1 alpha-3). */
  idCountry?: string;
  /** The division code an issuer or reviewer acts for (defaults to `tenant` for them). */
  region?: string;
  ttlSeconds?: number;
}

/** The claims a Cognito ID token of a user in that group would carry (DESIGN §2). */
export async function claimsFor(request: TokenRequest): Promise<Record<string, unknown>> {
  const { group, tenant, region } = request;
  if (!isGroup(group)) throw new Error(`Unknown group "${group}"`);
  const claims: Record<string, unknown> = { 'cognito:groups': [group], token_use: 'id' };
  const tenantClaim = TENANT_CLAIM[group];
  if (group === 'professional') {
    if (!tenant) throw new Error('A professional token needs their identity document number as the tenant argument');
    claims['custom:personId'] = personIdForDocument(professionalDocument(tenant, request.idType, request.idCountry), await localPiiHashKey());
  } else if (tenantClaim === 'custom:region') {
    const value = region ?? tenant;
    if (!value) throw new Error(`A ${group} token needs a region (6-digit division code)`);
    claims['custom:region'] = value;
  } else if (tenantClaim) {
    if (!tenant) throw new Error(`A ${group} token needs a tenant id`);
    claims[tenantClaim] = tenant;
    if (region) claims['custom:region'] = region;
  } else if (region) {
    claims['custom:region'] = region;
  }
  return claims;
}

/** The document a professional token names, checked by its own rule; an error says what is wrong. */
function professionalDocument(number: string, idType: string = 'RESIDENT', idCountry?: string): IdentityDocument {
  const type = idType.toUpperCase();
  if (!(ID_TYPES as readonly string[]).includes(type)) throw new Error(`Unknown identity document type "${idType}": ${ID_TYPES.join(' | ')}`);
  const doc: IdentityDocument = { idType: type as IdType, idNumber: normaliseIdNumber(number), ...(idCountry ? { idCountry: normaliseCountryCode(idCountry) } : {}) };
  const problem = identityDocumentProblem(doc);
  if (problem) throw new Error(`Not a valid ${ID_TYPE_NAMES[doc.idType]} (${doc.idType}): ${problem.message.en}`);
  return doc;
}

export async function issueLocalToken(request: TokenRequest): Promise<string> {
  const claims = await claimsFor(request);
  const { key, kid } = await localSigningKey();
  // A stable subject per (group, tenant) so audit trails and idempotency scopes are repeatable; a
  // professional's from the keyed hash, as an unkeyed hash of an ID number could be reversed.
  const tenant = (claims['custom:personId'] as string | undefined) ?? request.tenant ?? '';
  const subject = createHash('sha256').update(`${request.group}|${tenant}|${request.region ?? ''}`).digest('hex').slice(0, 32);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 12 * 3600}s`)
    .sign(key);
}
