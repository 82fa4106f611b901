/*
 * The sliding-window rule of the per-client budgets (pure; the counters live in
 * shared/rate-limit/counter-store.ts). Time is cut into fixed windows; a client's use "now" is
 * its count in the current window plus its count in the previous one weighted by how much of
 * that window still overlaps the last `windowSeconds` (the usual sliding-window estimate, as
 * the edge's WAF rate rule also looks back over a sliding 5 minutes). A fixed window alone would
 * let a client spend its budget at the end of one window and again at the start of the next.
 */

export interface WindowPosition {
  /** The current window's number: floor(now / window). */
  index: number;
  /** How far into the current window `now` is, from 0 (its start) to just under 1. */
  elapsed: number;
}

export function windowPosition(nowMs: number, windowSeconds: number): WindowPosition {
  const windowMs = windowSeconds * 1000;
  const index = Math.floor(nowMs / windowMs);
  return { index, elapsed: (nowMs - index * windowMs) / windowMs };
}

export interface BudgetCheck {
  /** Units the client may use per window (e.g. 600 number + name pairs per 5 minutes). */
  limit: number;
  /** What this request would use (a batch of 50 pairs costs 50). */
  cost: number;
  /** The client's count in the previous window. */
  previous: number;
  /** The client's count in the current window before this request. */
  current: number;
  /** From windowPosition. */
  elapsed: number;
  windowSeconds: number;
}

export type BudgetDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Floating-point slack, so 12.000000000001 s still rounds to 12. */
const EPSILON = 1e-9;

/** The client's use now by the sliding-window estimate. */
export function slidingUse(previous: number, current: number, elapsed: number): number {
  return previous * (1 - elapsed) + current;
}

/**
 * Whether the request fits, and if not, after how many whole seconds it would (if the client
 * sends nothing else meanwhile): the answer's Retry-After. A request costing more than the
 * whole budget never fits; it is told to wait two windows, by when every count has expired.
 */
export function decide(check: BudgetCheck): BudgetDecision {
  const { limit, cost, previous, current, elapsed, windowSeconds } = check;
  if (slidingUse(previous, current, elapsed) + cost <= limit + EPSILON) return { allowed: true };
  if (cost > limit) return { allowed: false, retryAfterSeconds: 2 * windowSeconds };
  const now = elapsed * windowSeconds;
  const rest = windowSeconds - now;
  // Later in this window the previous window's share shrinks: previous · (1 − t/W) + current + cost ≤ limit.
  const room = limit - cost - current;
  if (room >= 0 && previous > 0) {
    const at = windowSeconds * (1 - room / previous);
    if (at < windowSeconds) return { allowed: false, retryAfterSeconds: wholeSeconds(at - now) };
  }
  // Otherwise in the next window, where this window's count is the previous one: current · (1 − t/W) + cost ≤ limit.
  const atNext = current + cost <= limit ? 0 : windowSeconds * (1 - (limit - cost) / current);
  return { allowed: false, retryAfterSeconds: wholeSeconds(rest + atNext) };
}

function wholeSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds - EPSILON));
}
