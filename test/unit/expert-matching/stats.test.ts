import { describe, expect, it } from 'vitest';
import type { NeedSummary } from '../../../functions/expert-matching/core/stats';
import { matchingStats } from '../../../functions/expert-matching/core/stats';

const summary = (overrides: Partial<NeedSummary>): NeedSummary => ({
  needId: 'N',
  region: '520100',
  proposals: 0,
  accepted: [],
  completed: false,
  services: [],
  ...overrides,
});

describe('matchingStats', () => {
  it('counts needs through their stages, engaged experts, hours, ratings and east→west services', () => {
    const stats = matchingStats([
      summary({ needId: 'N1' }), // received only
      summary({ needId: 'N2', proposals: 3 }), // matched, nobody accepted yet
      summary({
        needId: 'N3',
        proposals: 2,
        accepted: [
          { expertId: 'E-SH', region: '310000' }, // Shanghai → Guizhou: east→west
          { expertId: 'E-CD', region: '510100' }, // Chengdu → Guizhou: west→west
        ],
        completed: true,
        services: [
          { expertId: 'E-SH', hours: 8 },
          { expertId: 'E-SH', hours: 4.5 },
          { expertId: 'E-CD', hours: 6 },
        ],
        ratings: [5, 4],
      }),
      summary({ needId: 'N4', region: '320100', proposals: 1, accepted: [{ expertId: 'E-SH', region: '310000' }], services: [{ expertId: 'E-SH', hours: 0.5 }], ratings: [4] }),
    ]);
    expect(stats).toEqual({
      needsReceived: 4,
      needsMatched: 3,
      needsConfirmed: 2,
      needsCompleted: 1,
      expertsEngaged: 2,
      serviceHours: 19,
      averageRating: 4.33,
      ratings: 3,
      eastToWest: { services: 1, hours: 12.5 },
    });
  });

  it('is all zeros, with no average, for no needs', () => {
    expect(matchingStats([])).toEqual({
      needsReceived: 0,
      needsMatched: 0,
      needsConfirmed: 0,
      needsCompleted: 0,
      expertsEngaged: 0,
      serviceHours: 0,
      averageRating: null,
      ratings: 0,
      eastToWest: { services: 0, hours: 0 },
    });
  });

  it('adds many half hours exactly', () => {
    const services = Array.from({ length: 10 }, () => ({ expertId: 'E', hours: 0.5 }));
    expect(matchingStats([summary({ services })]).serviceHours).toBe(5);
  });

  it('refuses hours that are not half-hour multiples and ratings outside 1–5', () => {
    expect(() => matchingStats([summary({ services: [{ expertId: 'E', hours: 0.3 }] })])).toThrow(RangeError);
    expect(() => matchingStats([summary({ ratings: [6] })])).toThrow(/outside 1–5/);
  });
});
