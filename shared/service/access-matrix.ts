import { TENANT_CLAIM, type Group } from '../auth/groups';

/*
 * The authorisation matrix (issue 7): for every route, what each kind of caller gets. Each
 * service keeps its matrix next to its route table (`functions/<service>/access-matrix.ts`);
 * a unit test holds it to the routes' `access` lists, an end-to-end test calls every route as
 * every role against the running platform, and the API docs print it.
 *
 * Roles are a group and, for groups that act inside a tenant (DESIGN §2), tenant A or B. The
 * end-to-end fixtures all belong to tenant A, so a tenant-scoped route must let A in and keep B
 * out; A and B of one group therefore always have the same entry.
 */
export const ROLES = [
  'anonymous',
  'admin',
  'issuerA',
  'issuerB',
  'institutionA',
  'institutionB',
  'unitA',
  'unitB',
  'expertA',
  'expertB',
  'reviewerA',
  'reviewerB',
  'professionalA',
  'professionalB',
  'employerA',
  'employerB',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * - `allow`: the caller gets the route's business answer (2xx, or a documented business 4xx —
 *   never 401 or 403);
 * - `deny`: 401 without a token, 403 for a group the route is not for;
 * - `tenant:403` / `tenant:404`: the group may call the route, but only for its own tenant;
 *   another tenant's resource is refused with that status (404 where the answer must not reveal
 *   that the resource exists; 403 where the refusal follows from the request alone, e.g. another
 *   institution's id in the path, so it reveals nothing);
 * - `tenant:item`: a batch route the group may call; items outside its tenant are each rejected
 *   in a 200 answer, the rest go through.
 */
export const OUTCOMES = ['allow', 'deny', 'tenant:403', 'tenant:404', 'tenant:item'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type RouteAccessRow = Readonly<Record<Role, Outcome>>;
/** operationId → role → outcome. */
export type AccessMatrix = Readonly<Record<string, RouteAccessRow>>;

/** The group a role belongs to (none for anonymous). */
export function groupOf(role: Role): Group | undefined {
  if (role === 'anonymous') return undefined;
  return role.replace(/[AB]$/, '') as Group;
}

/** Tenant A or B of a tenant-scoped group; undefined for anonymous and admin. */
export function tenantOf(role: Role): 'A' | 'B' | undefined {
  const group = groupOf(role);
  if (!group || !TENANT_CLAIM[group]) return undefined;
  return role.endsWith('B') ? 'B' : 'A';
}

/** Who a column of the documented matrix stands for: anonymous, or a group (A and B merged). */
export type Audience = 'anonymous' | Group;
export const AUDIENCES: readonly Audience[] = [...new Set(ROLES.map((r) => groupOf(r) ?? 'anonymous'))];

/** The matrix row by audience (A and B of a group always agree: see the unit test). */
export function rowByAudience(row: RouteAccessRow): Record<Audience, Outcome> {
  const out = {} as Record<Audience, Outcome>;
  for (const role of ROLES) out[groupOf(role) ?? 'anonymous'] = row[role];
  return out;
}

const TENANT_WORD: Partial<Record<Audience, string>> = { issuer: 'region', reviewer: 'region', institution: 'institution', unit: 'unit', expert: 'expert id', professional: 'person' };

/** What an audience gets, in words, for the docs. */
export function describeOutcome(audience: Audience, outcome: Outcome): string {
  const scope = TENANT_WORD[audience] ?? 'tenant';
  switch (outcome) {
    case 'allow':
      return 'allowed';
    case 'deny':
      return audience === 'anonymous' ? '401 (token needed)' : '403';
    case 'tenant:403':
      return `own ${scope} only (another's: 403)`;
    case 'tenant:404':
      return `own ${scope} only (another's: 404)`;
    case 'tenant:item':
      return `own ${scope} only (other items rejected one by one)`;
  }
}

/** One line for an operation's description: who gets in, and how others are answered. */
export function describeRow(row: RouteAccessRow): string {
  const byAudience = rowByAudience(row);
  const entries = Object.entries(byAudience) as [Audience, Outcome][];
  if (entries.every(([, o]) => o === 'allow')) return 'Access matrix: everyone, with or without a token.';
  const granted = entries.filter(([, o]) => o !== 'deny').map(([a, o]) => `${a} ${describeOutcome(a, o)}`);
  const denied = entries.filter(([, o]) => o === 'deny').map(([a]) => a);
  const refusals = [denied.includes('anonymous') ? 'no token: 401' : '', denied.some((a) => a !== 'anonymous') ? `${denied.filter((a) => a !== 'anonymous').join(', ')}: 403` : '']
    .filter(Boolean)
    .join('; ');
  return `Access matrix: ${granted.join('; ')}${refusals ? `. Refused — ${refusals}` : ''}.`;
}
