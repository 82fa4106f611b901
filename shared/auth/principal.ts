import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isGroup, type Group } from './groups';

/** Who is calling, as the API Gateway JWT authorizer vouched for it. */
export interface Principal {
  subject: string;
  groups: Group[];
  institutionId?: string;
  unitId?: string;
  expertId?: string;
  employerId?: string;
  region?: string;
  /** Keyed hash of a professional's resident ID number. */
  personId?: string;
  /** A display name for audit trails and verification logs (never personal data of a holder). */
  label: string;
}

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * API Gateway HTTP APIs hand claims to Lambda as strings; a JSON array claim such as
 * `cognito:groups` arrives as "[admin issuer]". Accept both that form and a real array.
 */
export function parseListClaim(value: ClaimValue): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).map((s) => s.replace(/^"|"$/g, '')).filter(Boolean);
}

function claimString(claims: Record<string, ClaimValue>, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

export function principalFromEvent(event: APIGatewayProxyEventV2): Principal | undefined {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, ClaimValue> } } }).authorizer;
  const claims = authorizer?.jwt?.claims;
  return claims ? principalFromClaims(claims) : undefined;
}

/** A principal from token claims, whether stringified by API Gateway or straight from a JWT. */
export function principalFromClaims(claims: Record<string, ClaimValue>): Principal | undefined {
  const subject = claimString(claims, 'sub');
  if (!subject) return undefined;
  const groups = parseListClaim(claims['cognito:groups']).filter(isGroup);
  const principal: Principal = {
    subject,
    groups,
    institutionId: claimString(claims, 'custom:institutionId'),
    unitId: claimString(claims, 'custom:unitId'),
    expertId: claimString(claims, 'custom:expertId'),
    employerId: claimString(claims, 'custom:employerId'),
    region: claimString(claims, 'custom:region'),
    personId: claimString(claims, 'custom:personId'),
    label: '',
  };
  principal.label = describePrincipal(principal);
  return principal;
}

/** A short, non-personal description used in audit trails: "issuer:310000", "institution:SH-BASE-01". */
export function describePrincipal(p: Omit<Principal, 'label'>): string {
  const group = p.groups[0] ?? 'user';
  const tenant = p.institutionId ?? p.unitId ?? p.expertId ?? p.employerId ?? p.region;
  if (group === 'professional') return 'professional';
  return tenant ? `${group}:${tenant}` : `${group}:${p.subject}`;
}

export function hasGroup(principal: Principal | undefined, ...groups: Group[]): boolean {
  return principal !== undefined && principal.groups.some((g) => groups.includes(g));
}
