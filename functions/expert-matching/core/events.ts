import { envelopeFor, type StreamChange } from '../../../events/envelope';
import type { MatchProposed } from '../../../events/match-proposed';
import type { NeedConfirmed } from '../../../events/need-confirmed';
import type { NeedSubmitted } from '../../../events/need-submitted';
import type { ServiceCompleted } from '../../../events/service-completed';
import type { ServiceWithdrawn } from '../../../events/service-withdrawn';
import type { ProposalRecord, ServiceRecord, StoredNeed } from './need-state';

export type ExpertMatchingEvent = NeedSubmitted | MatchProposed | NeedConfirmed | ServiceCompleted | ServiceWithdrawn;

const entityOf = (image?: Record<string, unknown>) => image?.entity;

const serviceDetail = (s: ServiceRecord) => ({
  needId: s.needId,
  expertId: s.expertId,
  hours: s.hours,
  form: s.form,
  date: s.date,
  region: s.needRegion,
  ...(s.learner ? { learner: s.learner } : {}),
});

/**
 * The domain events a change to the expert-matching table means, from the stream: a need's
 * INSERT is NeedSubmitted, its turn to CONFIRMED is NeedConfirmed; a proposal's INSERT is
 * MatchProposed; a service record's INSERT is ServiceCompleted, its withdrawal ServiceWithdrawn.
 * Expert copies, counters and markers mean nothing outside. Ids come from the stream record.
 */
export function expertMatchingEventsFrom(change: StreamChange): ExpertMatchingEvent[] {
  const { oldImage, newImage } = change;
  const envelope = (type: ExpertMatchingEvent['type']) => envelopeFor(change, 'tsp.expert-matching', type);
  const entity = entityOf(newImage);
  if (entity === 'Need') {
    const need = newImage as unknown as StoredNeed;
    if (!oldImage) {
      const detail = { needId: need.id, unitId: need.unitId, region: need.region, fields: need.fields, serviceForm: need.serviceForm, expertsWanted: need.expertsWanted, window: need.window };
      return [{ ...envelope('NeedSubmitted'), type: 'NeedSubmitted', detail }];
    }
    if (need.status === 'CONFIRMED' && (oldImage as unknown as StoredNeed).status !== 'CONFIRMED') {
      return [{ ...envelope('NeedConfirmed'), type: 'NeedConfirmed', detail: { needId: need.id, unitId: need.unitId, region: need.region, expertIds: need.acceptedExperts } }];
    }
    return [];
  }
  if (entity === 'Proposal' && !oldImage) {
    const p = newImage as unknown as ProposalRecord;
    return [{ ...envelope('MatchProposed'), type: 'MatchProposed', detail: { needId: p.needId, expertId: p.expertId, score: p.score, proposedBy: p.proposedBy } }];
  }
  if (entity === 'Service') {
    const s = newImage as unknown as ServiceRecord;
    if (!oldImage) return [{ ...envelope('ServiceCompleted'), type: 'ServiceCompleted', detail: serviceDetail(s) }];
    if (s.withdrawn && !(oldImage as unknown as ServiceRecord).withdrawn) {
      return [{ ...envelope('ServiceWithdrawn'), type: 'ServiceWithdrawn', detail: { ...serviceDetail(s), reason: s.withdrawn.reason } }];
    }
  }
  return [];
}
