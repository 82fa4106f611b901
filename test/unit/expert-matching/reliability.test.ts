import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_HISTORY, RELIABILITY, recordCompletion, recordRating, reliabilityOf } from '../../../functions/expert-matching/core/reliability';

describe('reliabilityOf', () => {
  it('gives a newcomer nothing and takes nothing', () => {
    expect(reliabilityOf()).toMatchObject({ completed: 0, ratingCount: 0, rating: 3.5, experience: 0, points: 0 });
  });

  it('shrinks few ratings towards the prior: two 5s do not outrank twenty 4.8s', () => {
    const lucky = reliabilityOf({ completed: 2, ratingCount: 2, ratingSum: 10 });
    const steady = reliabilityOf({ completed: 20, ratingCount: 20, ratingSum: 96 });
    expect(lucky.rating).toBeCloseTo((3.5 * 5 + 10) / 7);
    expect(steady.points).toBeGreaterThan(lucky.points);
  });

  it('counts completed services with diminishing returns, up to the cap', () => {
    const at = (n: number) => reliabilityOf({ completed: n, ratingCount: n, ratingSum: 5 * n }).points;
    expect(at(3)).toBeLessThan(at(10));
    expect(at(10)).toBeLessThan(at(100));
    // The gain per extra service shrinks: 3→10 earns more per service than 10→100.
    expect((at(10) - at(3)) / 7).toBeGreaterThan((at(100) - at(10)) / 90);
    expect(at(1_000_000)).toBeLessThanOrEqual(RELIABILITY.cap);
  });

  it('takes points away for poor ratings, never more than the cap', () => {
    expect(reliabilityOf({ completed: 10, ratingCount: 10, ratingSum: 10 }).points).toBeLessThan(0);
    expect(reliabilityOf({ completed: 1_000_000, ratingCount: 1_000_000, ratingSum: 1_000_000 }).points).toBeGreaterThanOrEqual(-RELIABILITY.cap);
  });

  it('stays within ±cap for every possible history', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 200 }), (completed, ratings) => {
        const r = reliabilityOf({ completed, ratingCount: ratings.length, ratingSum: ratings.reduce((a, b) => a + b, 0) });
        expect(Math.abs(r.points)).toBeLessThanOrEqual(RELIABILITY.cap);
        expect(r.rating).toBeGreaterThanOrEqual(1);
        expect(r.rating).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('refuses impossible stats', () => {
    expect(() => reliabilityOf({ completed: -1, ratingCount: 0, ratingSum: 0 })).toThrow(RangeError);
    expect(() => reliabilityOf({ completed: 1.5, ratingCount: 0, ratingSum: 0 })).toThrow(RangeError);
    expect(() => reliabilityOf({ completed: 1, ratingCount: 2, ratingSum: 11 })).toThrow(/impossible/);
    expect(() => reliabilityOf({ completed: 1, ratingCount: 2, ratingSum: 1 })).toThrow(/impossible/);
  });
});

describe('recording completions and ratings', () => {
  it('adds one service at completion, and its rating when the unit gives one', () => {
    const done = recordCompletion(NO_HISTORY);
    expect(done).toEqual({ completed: 1, ratingCount: 0, ratingSum: 0 });
    expect(recordRating(done, 4)).toEqual({ completed: 1, ratingCount: 1, ratingSum: 4 });
  });

  it('refuses ratings out of 1–5, fractional ratings, and more ratings than completed services', () => {
    const done = recordCompletion(NO_HISTORY);
    expect(() => recordRating(done, 6)).toThrow(RangeError);
    expect(() => recordRating(done, 3.5)).toThrow(RangeError);
    expect(() => recordRating(NO_HISTORY, 4)).toThrow(RangeError);
  });
});
