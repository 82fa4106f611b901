import type { Principal } from '../../../shared/auth/principal';
import { hasGroup } from '../../../shared/auth/principal';
import { regionWithin } from '../../../shared/ids/regions';
import type { Move } from './workflow';

/*
 * Who does what (DESIGN §2, §6). Admins act anywhere; issuers (the authoring HR departments)
 * and reviewers only within the region their token names, a province covering its cities.
 */
const covers = (principal: Principal, region: string) => principal.region !== undefined && regionWithin(region, principal.region);

export function mayAuthor(principal: Principal, region: string): boolean {
  return hasGroup(principal, 'admin') || (hasGroup(principal, 'issuer') && covers(principal, region));
}

export function mayReview(principal: Principal, region: string): boolean {
  return hasGroup(principal, 'admin') || (hasGroup(principal, 'reviewer') && covers(principal, region));
}

/** Authors and reviewers of the region see a case; to anyone else it does not exist. */
export function maySee(principal: Principal, region: string): boolean {
  return mayAuthor(principal, region) || mayReview(principal, region);
}

export type MoveRefusal = 'not-yours' | 'own-case';

/**
 * Whether this caller may make this move on a case of `region` written by `contributors`
 * (the subjects that created or edited it). Approving and rejecting is for a reviewer who
 * wrote none of it: nobody reviews their own case.
 */
export function moveRefusal(principal: Principal, move: Move, region: string, contributors: readonly string[]): MoveRefusal | undefined {
  switch (move) {
    case 'submit':
      return mayAuthor(principal, region) ? undefined : 'not-yours';
    case 'approve':
    case 'reject':
      if (!mayReview(principal, region)) return 'not-yours';
      return contributors.includes(principal.subject) ? 'own-case' : undefined;
    case 'publish':
    case 'withdraw':
      return maySee(principal, region) ? undefined : 'not-yours';
  }
}
