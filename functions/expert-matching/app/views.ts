import { reliabilityOf } from '../core/reliability';
import { serviceView, type StoredExpert } from '../core/need-state';
import type { Counters } from '../store/stats';
import type { NeedRecords } from '../store/needs';

/** A need still SUBMITTED this long after it was stored has not been matched as it should: say so. */
export const MATCHING_OVERDUE_MS = 60_000;

/** A need as its unit (or an admin) sees it: status, ranked proposals with score and reasons, services, feedback. */
export function needView(records: NeedRecords, experts: ReadonlyMap<string, StoredExpert>, now = Date.now()) {
  const { need, proposals, services, feedback } = records;
  const overdue = need.status === 'SUBMITTED' && now - Date.parse(need.submittedAt) > MATCHING_OVERDUE_MS;
  return {
    ...need,
    ...(need.status === 'SUBMITTED' ? { matching: overdue ? 'OVERDUE' : 'PENDING' } : {}),
    proposals: [...proposals]
      .sort((a, b) => b.score - a.score || (a.expertId < b.expertId ? -1 : 1))
      .map((p) => {
        const expert = experts.get(p.expertId);
        return { ...p, expert: expert ? { name: expert.name, region: expert.region, titleLevel: expert.titleLevel } : undefined };
      }),
    services: services.map(serviceView),
    feedback: feedback ?? null,
  };
}

export function statsView(scope: string, year: number, c: Counters) {
  return {
    scope,
    year,
    needsReceived: c.needsReceived,
    needsMatched: c.needsMatched,
    needsConfirmed: c.needsConfirmed,
    needsCompleted: c.needsCompleted,
    expertsEngaged: c.expertsEngaged,
    serviceHours: c.serviceHours,
    averageRating: c.ratingCount ? Math.round((c.ratingSum / c.ratingCount) * 100) / 100 : null,
    ratings: c.ratingCount,
    eastToWest: { services: c.eastToWestServices, hours: c.eastToWestHours },
  };
}

export function expertView(e: StoredExpert) {
  const { personId: _p, version: _v, ...view } = e;
  return { ...view, reliabilityScore: reliabilityOf(e.reliability).points, linkedToLearningHours: Boolean(e.personId) };
}
