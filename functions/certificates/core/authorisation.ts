import type { Principal } from '../../../shared/auth/principal';
import { hasGroup } from '../../../shared/auth/principal';
import { regionWithin } from '../../../shared/ids/regions';

/** Admins act anywhere; an issuer only within the region its token names (a province covers its cities). */
export function mayManageRegion(principal: Principal, region: string): boolean {
  if (hasGroup(principal, 'admin')) return true;
  return hasGroup(principal, 'issuer') && principal.region !== undefined && regionWithin(region, principal.region);
}

/** The holder themselves (a professional whose token carries the same keyed hash). */
export function isHolder(principal: Principal | undefined, personId: string): boolean {
  return principal !== undefined && hasGroup(principal, 'professional') && principal.personId === personId;
}
