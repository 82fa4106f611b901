import { describe, expect, it } from 'vitest';
import { addressClient, addressFromViewerHeader } from '../../shared/rate-limit/client-address';
import { decide, slidingUse, windowPosition, type BudgetCheck } from '../../shared/rate-limit/window';

const W = 300;
const check = (overrides: Partial<BudgetCheck>): BudgetCheck => ({ limit: 600, cost: 50, previous: 0, current: 0, elapsed: 0, windowSeconds: W, ...overrides });

/** Replays a client's requests (at seconds since the epoch) through the rule, keeping the counts a store would. */
function replay(limit: number, requests: { at: number; cost: number }[]) {
  const counts = new Map<number, number>();
  return requests.map(({ at, cost }) => {
    const { index, elapsed } = windowPosition(at * 1000, W);
    const decision = decide({ limit, cost, previous: counts.get(index - 1) ?? 0, current: counts.get(index) ?? 0, elapsed, windowSeconds: W });
    if (decision.allowed) counts.set(index, (counts.get(index) ?? 0) + cost);
    return decision;
  });
}

describe('sliding-window budget', () => {
  it('places a time in its window', () => {
    expect(windowPosition(0, W)).toEqual({ index: 0, elapsed: 0 });
    expect(windowPosition(450_000, W)).toEqual({ index: 1, elapsed: 0.5 });
    expect(windowPosition(599_999, W).index).toBe(1);
  });

  it('weighs the previous window by how much of it is still inside the last 5 minutes', () => {
    expect(slidingUse(600, 0, 0)).toBe(600);
    expect(slidingUse(600, 100, 0.5)).toBe(400);
    expect(slidingUse(600, 100, 1)).toBe(100);
  });

  it('admits 12 batches of 50 pairs in a window and refuses the 13th (600 per 5 minutes)', () => {
    const decisions = replay(
      600,
      Array.from({ length: 13 }, (_, i) => ({ at: 1_000_000 * W + i, cost: 50 })),
    );
    expect(decisions.slice(0, 12).every((d) => d.allowed)).toBe(true);
    expect(decisions[12]!.allowed).toBe(false);
  });

  it('counts a batch of 50 like 50 single lookups: 599 singles leave no room for a batch, but for one more single', () => {
    expect(decide(check({ current: 599, cost: 50 })).allowed).toBe(false);
    expect(decide(check({ current: 599, cost: 1 })).allowed).toBe(true);
    expect(decide(check({ current: 600, cost: 1 })).allowed).toBe(false);
  });

  it('does not let a client spend the budget again right after a window boundary', () => {
    // 600 at the very end of window 0, then 12 batches just after window 1 starts: all refused.
    const decisions = replay(600, [
      ...Array.from({ length: 12 }, () => ({ at: W - 1, cost: 50 })),
      ...Array.from({ length: 12 }, (_, i) => ({ at: W + 1 + i, cost: 50 })),
    ]);
    expect(decisions.slice(0, 12).every((d) => d.allowed)).toBe(true);
    expect(decisions.slice(12).some((d) => d.allowed)).toBe(false);
  });

  it('frees the budget as the previous window slides out', () => {
    // Window 0 full; halfway through window 1 half of it still counts: 300 pairs fit, not 301.
    expect(decide(check({ previous: 600, elapsed: 0.5, cost: 300 })).allowed).toBe(true);
    expect(decide(check({ previous: 600, elapsed: 0.5, cost: 301 })).allowed).toBe(false);
  });

  it('says in Retry-After when the refused request would fit: within this window', () => {
    // 600 in the previous window, none now, 10 s in: 50 pairs fit once 50/600 of it has slid out (25 s in).
    const decision = decide(check({ previous: 600, elapsed: 10 / W }));
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 15 });
    // …and then it does.
    expect(decide(check({ previous: 600, elapsed: 25 / W })).allowed).toBe(true);
  });

  it('says in Retry-After when the refused request would fit: in the next window', () => {
    // 600 used in this window, 100 s in: the next window starts in 200 s, and this window's 600
    // must slide down to 550 there, 25 s later.
    expect(decide(check({ current: 600, elapsed: 100 / W }))).toEqual({ allowed: false, retryAfterSeconds: 225 });
    // A budget used up only partly in this window: the next window's start is enough.
    expect(decide(check({ limit: 600, previous: 600, current: 500, elapsed: 0.5, cost: 100 }))).toEqual({ allowed: false, retryAfterSeconds: 150 });
  });

  it('checks its own Retry-After against the rule, across many states', () => {
    for (const previous of [0, 100, 599, 600]) {
      for (const current of [0, 50, 551, 600]) {
        for (const elapsed of [0, 0.1, 0.5, 0.99]) {
          for (const cost of [1, 50]) {
            const state = check({ previous, current, elapsed, cost });
            const decision = decide(state);
            if (decision.allowed) continue;
            const later = (elapsed * W + decision.retryAfterSeconds) / W;
            const fits = (t: number) =>
              t < 1 ? decide({ ...state, elapsed: t }).allowed : decide({ ...state, previous: current, current: 0, elapsed: t - 1 }).allowed;
            expect(fits(later), JSON.stringify(state)).toBe(true);
            // A second earlier it would not have.
            if (decision.retryAfterSeconds > 1) expect(fits(later - 1 / W), JSON.stringify(state)).toBe(false);
          }
        }
      }
    }
  });

  it('never admits a request costing more than the whole budget', () => {
    expect(decide(check({ limit: 30, cost: 50 }))).toEqual({ allowed: false, retryAfterSeconds: 2 * W });
  });
});

describe('client addresses', () => {
  it('counts an IPv4 address on its own', () => {
    expect(addressClient('203.0.113.7')).toBe('203.0.113.7');
    expect(addressClient('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts an IPv6 address with its whole /64', () => {
    expect(addressClient('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressClient('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressClient('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressClient('::1')).toBe('0:0:0:0::/64');
  });

  it('reads the viewer address an edge forwards as address:port', () => {
    expect(addressFromViewerHeader('203.0.113.7:46532')).toBe('203.0.113.7');
    expect(addressClient(addressFromViewerHeader('2001:db8:1:2::17:443'))).toBe('2001:db8:1:2::/64');
  });
});
