import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { TENANT_CLAIM, isGroup, type Group } from '../../shared/auth/groups';
import { normaliseResidentId, residentIdProblem } from '../../shared/ids/resident-id';
import { personIdFor } from '../../shared/pii/keyed-hash';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localPiiHashKey, localSigningKey } from './secrets';

export interface TokenRequest {
  group: Group;
  /** institutionId, unitId or expertId; a professional's resident ID number; an issuer's region. */
  tenant?: string;
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
    if (!tenant) throw new Error('A professional token needs their resident ID number as the tenant argument');
    const id = normaliseResidentId(tenant);
    const problem = residentIdProblem(id);
    if (problem) throw new Error(`Not a valid resident ID number (${problem})`);
    claims['custom:personId'] = personIdFor(id, await localPiiHashKey());
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

export async function issueLocalToken(request: TokenRequest): Promise<string> {
  const claims = await claimsFor(request);
  const { key, kid } = await localSigningKey();
  // A stable subject per (group, tenant) so audit trails and idempotency scopes are repeatable.
  const subject = createHash('sha256').update(`${request.group}|${request.tenant ?? ''}|${request.region ?? ''}`).digest('hex').slice(0, 32);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 12 * 3600}s`)
    .sign(key);
}
