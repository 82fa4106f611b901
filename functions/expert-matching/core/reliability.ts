import type { ReliabilityStats } from './model';

/*
 * What finished services say about an expert, as a few score points.
 *
 * Two things are deliberately kept small, so that busy experts do not snowball (more points →
 * more proposals → more services → more points) while newcomers never get a chance:
 *  - ratings are shrunk towards a prior (a Bayesian average), so two 5-star ratings do not
 *    outrank twenty 4.8s;
 *  - the result is scaled by a saturating function of completed services, n / (n + 3), and the
 *    whole factor is capped at RELIABILITY.cap points, a twentieth of the best possible score.
 * Ratings below the neutral 3 take points away, up to the same cap.
 */
export const RELIABILITY = {
  /** Most points reliability can add (or, for poor ratings, remove). */
  cap: 5,
  /** The prior: 5 pseudo-ratings of 3.5 — completing services is itself mildly positive. */
  priorMean: 3.5,
  priorWeight: 5,
  /** The rating that neither adds nor removes points. */
  neutral: 3,
  /** Completed services at which experience counts for half. */
  halfExperience: 3,
} as const;

export const NO_HISTORY: ReliabilityStats = { completed: 0, ratingCount: 0, ratingSum: 0 };

export interface Reliability {
  completed: number;
  ratingCount: number;
  /** The Bayesian average rating, 1..5. */
  rating: number;
  /** 0..1: how much the history is trusted. */
  experience: number;
  /** −cap..cap, rounded to 2 decimals. */
  points: number;
}

function check(stats: ReliabilityStats): void {
  const { completed, ratingCount, ratingSum } = stats;
  if (!Number.isInteger(completed) || completed < 0) throw new RangeError(`completed must be a whole number ≥ 0, got ${completed}`);
  if (!Number.isInteger(ratingCount) || ratingCount < 0) throw new RangeError(`ratingCount must be a whole number ≥ 0, got ${ratingCount}`);
  if (!(ratingSum >= ratingCount && ratingSum <= 5 * ratingCount)) throw new RangeError(`ratingSum ${ratingSum} is impossible for ${ratingCount} ratings of 1–5`);
}

export function reliabilityOf(stats: ReliabilityStats = NO_HISTORY): Reliability {
  check(stats);
  const { cap, priorMean, priorWeight, neutral, halfExperience } = RELIABILITY;
  const rating = (priorMean * priorWeight + stats.ratingSum) / (priorWeight + stats.ratingCount);
  const experience = stats.completed / (stats.completed + halfExperience);
  // (rating − 3) / 2 maps 1..5 onto −1..1.
  const raw = cap * experience * ((rating - neutral) / (5 - neutral));
  const points = Math.round(Math.max(-cap, Math.min(cap, raw)) * 100) / 100;
  return { completed: stats.completed, ratingCount: stats.ratingCount, rating, experience, points };
}

function checkRating(rating: number): void {
  if (!(Number.isInteger(rating) && rating >= 1 && rating <= 5)) throw new RangeError(`A rating is a whole number 1–5, got ${rating}`);
}

/** The stats after one more completed service (its rating, if any, comes later: `recordRating`). */
export function recordCompletion(stats: ReliabilityStats): ReliabilityStats {
  check(stats);
  return { ...stats, completed: stats.completed + 1 };
}

/** The stats after a unit rated a service the expert completed. */
export function recordRating(stats: ReliabilityStats, rating: number): ReliabilityStats {
  check(stats);
  checkRating(rating);
  if (stats.ratingCount >= stats.completed) throw new RangeError('A rating follows a completed service; there is no unrated one');
  return { ...stats, ratingCount: stats.ratingCount + 1, ratingSum: stats.ratingSum + rating };
}
