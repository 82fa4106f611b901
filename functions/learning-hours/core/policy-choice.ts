/*
 * One rule decides whose compliance policy judges a person (DESIGN §10, issue 13 item 4): the
 * professional's own view, an HR department's lookup and the `JX` certificate all ask it, so a
 * person can never hold a valid certificate for a year their own page calls short.
 *
 *  - A person on an employer's staff is judged by the policy of the employer's region: the
 *    employer keeps their record (MOHRSS Order No. 25) and answers for it.
 *  - Anyone else is judged by the national policy, unless a lookup names a region (an HR
 *    department asking "would this person meet our rule?").
 * A region named in a lookup never overrides an employer's: the answer would then disagree with
 * the person's own view and certificate, which is what this rule exists to prevent.
 */
export type PolicyBasis = 'EMPLOYER' | 'LOOKUP' | 'NATIONAL';

export interface PolicyChoice {
  /** The region whose policy applies; undefined for the national default. */
  region: string | undefined;
  basis: PolicyBasis;
}

export interface Employment {
  employerId: string;
  region: string;
}

export function judgingRegion(employment: Employment | undefined, lookupRegion?: string): PolicyChoice {
  if (employment) return { region: employment.region, basis: 'EMPLOYER' };
  if (lookupRegion !== undefined) return { region: lookupRegion, basis: 'LOOKUP' };
  return { region: undefined, basis: 'NATIONAL' };
}
