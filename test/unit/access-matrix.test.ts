import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import { GROUPS, TENANT_CLAIM } from '../../shared/auth/groups';
import { OUTCOMES, ROLES, groupOf, tenantOf, type Outcome, type Role } from '../../shared/service/access-matrix';

/*
 * The authorisation matrix (functions/<service>/access-matrix.ts) against the route tables: it
 * names every route of every service, every role exactly once, and never contradicts a route's
 * `access` list. test/e2e/authorisation-matrix.test.ts checks it against the running platform.
 */
const routes = SERVICES.flatMap((service) => service.routes.map((route) => ({ service, route })));

describe('the authorisation matrix', () => {
  it('every service keeps one, naming exactly its own routes', () => {
    for (const service of SERVICES) {
      expect(service.accessMatrix, service.name).toBeDefined();
      expect(Object.keys(service.accessMatrix!).sort(), service.name).toEqual(service.routes.map((r) => r.operationId).sort());
    }
  });

  it('operationIds are unique across the platform, so a row names one route', () => {
    const ids = routes.map(({ route }) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(routes.map(({ service, route }) => [`${service.name}.${route.operationId}`, service, route] as const))('%s: every role exactly once, with a known outcome', (_, service, route) => {
    const row = service.accessMatrix![route.operationId]!;
    expect(Object.keys(row)).toEqual([...ROLES]);
    for (const role of ROLES) expect(OUTCOMES).toContain(row[role]);
  });

  it.each(routes.map(({ service, route }) => [`${service.name}.${route.operationId}`, service, route] as const))('%s: agrees with the route’s access list', (_, service, route) => {
    const row = service.accessMatrix![route.operationId]! as Record<Role, Outcome>;
    if (route.access === 'public') {
      // A public route answers everyone alike.
      for (const role of ROLES) expect([role, row[role]]).toEqual([role, 'allow']);
      return;
    }
    expect(row.anonymous).toBe('deny');
    for (const role of ROLES.filter((r) => r !== 'anonymous')) {
      const group = groupOf(role)!;
      const granted = route.access.includes(group);
      // A group outside `access` is refused whatever it asks; a group inside it gets in, at least for its own tenant.
      expect([role, granted ? row[role] !== 'deny' : row[role]]).toEqual([role, granted ? true : 'deny']);
      // Tenant outcomes only for groups that act inside a tenant (not admins), and only where the route lets them in.
      if (row[role].startsWith('tenant:')) expect([role, TENANT_CLAIM[group] !== undefined && tenantOf(role) !== undefined]).toEqual([role, true]);
    }
  });

  it('tenant A and tenant B of a group always get the same entry (the fixtures decide who is refused)', () => {
    for (const { service, route } of routes) {
      const row = service.accessMatrix![route.operationId]!;
      for (const role of ROLES.filter((r) => tenantOf(r) === 'A')) {
        const other = role.replace(/A$/, 'B') as Role;
        expect([route.operationId, role, row[role]]).toEqual([route.operationId, role, row[other]]);
      }
    }
  });

  it('roles cover every group of DESIGN §2, each tenant-scoped group as tenant A and B', () => {
    const groups = new Set(ROLES.map(groupOf).filter(Boolean));
    expect([...groups].sort()).toEqual([...GROUPS].sort());
    for (const group of Object.keys(TENANT_CLAIM)) expect(ROLES.filter((r) => groupOf(r) === group).map(tenantOf)).toEqual(['A', 'B']);
  });
});
