import { isEastToWest } from './geography';

/*
 * Work statistics for HR departments: the quantities 人社厅发〔2025〕2号 §7 asks to track
 * (content, form, duration, number of experts) rolled up from per-need summaries. The caller
 * chooses the period and scope by choosing the summaries.
 */
export interface NeedSummary {
  needId: string;
  /** The need's 6-digit division code. */
  region: string;
  /** Proposals made so far (any answer). */
  proposals: number;
  /** Experts who accepted, with their own division code. */
  accepted: { expertId: string; region: string }[];
  completed: boolean;
  /** Service records filed: hours are multiples of 0.5. */
  services: { expertId: string; hours: number }[];
  /** Unit feedback ratings, 1–5. */
  ratings?: number[];
}

export interface MatchingStats {
  needsReceived: number;
  /** Needs that got at least one proposal. */
  needsMatched: number;
  /** Needs with at least one accepted expert. */
  needsConfirmed: number;
  needsCompleted: number;
  /** Distinct experts who accepted at least one need. */
  expertsEngaged: number;
  serviceHours: number;
  /** Mean of all ratings, 2 decimals; null without ratings. */
  averageRating: number | null;
  ratings: number;
  /** Accepted (need, expert) pairs with the expert in the east and the need in the west, and their hours. */
  eastToWest: { services: number; hours: number };
}

function halves(hours: number, needId: string): number {
  const h = hours * 2;
  if (!Number.isInteger(h) || h < 0) throw new RangeError(`Need ${needId}: ${hours} is not a non-negative multiple of 0.5 hours`);
  return h;
}

export function matchingStats(summaries: readonly NeedSummary[]): MatchingStats {
  const experts = new Set<string>();
  let matched = 0;
  let confirmed = 0;
  let completed = 0;
  // Hours are summed as whole half hours, so 0.5 + 0.5 + … is exact.
  let hourHalves = 0;
  let ratingSum = 0;
  let ratingCount = 0;
  let e2wServices = 0;
  let e2wHalves = 0;
  for (const s of summaries) {
    if (s.proposals > 0 || s.accepted.length > 0) matched += 1;
    if (s.accepted.length > 0) confirmed += 1;
    if (s.completed) completed += 1;
    const eastern = new Set<string>();
    for (const a of s.accepted) {
      experts.add(a.expertId);
      if (isEastToWest(a.region, s.region) && !eastern.has(a.expertId)) {
        eastern.add(a.expertId);
        e2wServices += 1;
      }
    }
    for (const svc of s.services) {
      const h = halves(svc.hours, s.needId);
      hourHalves += h;
      if (eastern.has(svc.expertId)) e2wHalves += h;
    }
    for (const r of s.ratings ?? []) {
      if (!(r >= 1 && r <= 5)) throw new RangeError(`Need ${s.needId}: rating ${r} is outside 1–5`);
      ratingSum += r;
      ratingCount += 1;
    }
  }
  return {
    needsReceived: summaries.length,
    needsMatched: matched,
    needsConfirmed: confirmed,
    needsCompleted: completed,
    expertsEngaged: experts.size,
    serviceHours: hourHalves / 2,
    averageRating: ratingCount ? Math.round((ratingSum / ratingCount) * 100) / 100 : null,
    ratings: ratingCount,
    eastToWest: { services: e2wServices, hours: e2wHalves / 2 },
  };
}
