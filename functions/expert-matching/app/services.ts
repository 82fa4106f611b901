import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { NO_SUCH_EXPERT, NO_SUCH_NEED } from './messages';
import { isEastToWest } from '../core/geography';
import type { Feedback, ProposalRecord, ServiceRecord, StoredExpert, StoredNeed } from '../core/need-state';
import { recordCompletion, recordRating } from '../core/reliability';
import { expertWrites, getExpert, getExperts } from '../store/experts';
import { feedbackWrite, needChangeWrite, needRecords, proposalChangeWrite, serviceChangeWrite, serviceWrite } from '../store/needs';
import { statsWrites } from '../store/stats';
import { transact, withRetries, type TransactItem } from '../store/transactions';
import { yearOf } from './matching';

/**
 * An accepted expert files the record of their service (DESIGN §5). It completes their part:
 * the proposal is COMPLETED, their load is freed and their track record grows, the need is
 * COMPLETED once every accepted expert has filed — all in one transaction with the counters.
 */
export async function recordService(needId: string, principal: Principal, input: Pick<ServiceRecord, 'hours' | 'form' | 'date' | 'summary'>): Promise<ServiceRecord> {
  const expertId = principal.expertId;
  if (!expertId) throw problems.forbidden(text('只有专家本人可以填报服务记录。', 'Only an expert files service records.'));
  return withRetries(async () => {
    const records = await needRecords(needId);
    const proposal = records?.proposals.find((p) => p.expertId === expertId);
    if (!records || !proposal) throw problems.notFound(text('您未参与该需求。', 'You have no part in this need.'));
    if (proposal.status === 'COMPLETED') throw problems.conflict(text('您已填报过该需求的服务记录。', 'Your service record for this need is filed already.'));
    if (proposal.status !== 'ACCEPTED' || records.need.status !== 'CONFIRMED') throw problems.conflict(text('需求确认且您在确认的专家之列后，方可填报服务记录。', 'A service is recorded once the need is confirmed with you among its experts.'), { needStatus: records.need.status });
    const expert = await getExpert(expertId);
    if (!expert) throw problems.notFound(NO_SUCH_EXPERT);
    const { need } = records;
    const now = new Date().toISOString();
    const service: ServiceRecord = {
      needId,
      expertId,
      ...input,
      recordedAt: now,
      needRegion: need.region,
      ...(expert.personId && expert.idNumberMasked ? { learner: { personId: expert.personId, holderName: expert.name, idNumberMasked: expert.idNumberMasked } } : {}),
    };
    const completedBefore = records.proposals.filter((p) => p.status === 'COMPLETED').length;
    const needDone = completedBefore + 1 >= need.acceptedCount;
    const nextNeed: StoredNeed = needDone ? { ...need, status: 'COMPLETED', completedAt: now } : need;
    const nextExpert: StoredExpert = { ...expert, load: Math.max(0, expert.load - 1), reliability: recordCompletion(expert.reliability), version: expert.version + 1, updatedAt: now };
    const eastToWest = isEastToWest(expert.region, need.region);
    await transact([
      serviceWrite(service),
      proposalChangeWrite({ ...proposal, status: 'COMPLETED' } satisfies ProposalRecord, 'ACCEPTED'),
      needChangeWrite(nextNeed, need),
      ...expertWrites(nextExpert, expert),
      ...statsWrites(need.region, yearOf(need), { serviceHours: input.hours, needsCompleted: needDone ? 1 : 0, eastToWestServices: eastToWest ? 1 : 0, eastToWestHours: eastToWest ? input.hours : 0 }),
    ]);
    return service;
  });
}

/** The unit that submitted a need (or an admin) acts on it; anyone else sees 404 for it, as for an unknown need. */
export function ownsNeed(principal: Principal, need: Pick<StoredNeed, 'unitId'>): boolean {
  return principal.groups.includes('admin') || principal.unitId === need.unitId;
}

/**
 * The unit rates the service once its experts have served; each expert who served gets the
 * rating in their track record, with the feedback, in one transaction.
 */
export async function giveFeedback(needId: string, principal: Principal, rating: number, comment: string | undefined): Promise<Feedback> {
  return withRetries(async () => {
    const records = await needRecords(needId);
    if (!records || principal.unitId !== records.need.unitId) throw problems.notFound(NO_SUCH_NEED);
    if (records.feedback) throw problems.conflict(text('该需求已评价过。', 'Feedback for this need is given already.'));
    if (!records.services.length) throw problems.conflict(text('服务完成后方可评价：尚无专家填报服务记录。', 'Feedback follows the service: no expert has filed a service record yet.'), { needStatus: records.need.status });
    const feedback: Feedback = { needId, rating, ...(comment ? { comment } : {}), givenBy: principal.label, givenAt: new Date().toISOString() };
    const served = await getExperts(records.services.map((s) => s.expertId));
    const expertUpdates: TransactItem[] = [...served.values()].flatMap((e) =>
      expertWrites({ ...e, reliability: recordRating(e.reliability, rating), version: e.version + 1, updatedAt: feedback.givenAt }, e),
    );
    await transact([feedbackWrite(feedback), ...expertUpdates, ...statsWrites(records.need.region, yearOf(records.need), { ratingSum: rating, ratingCount: 1 })]);
    return feedback;
  });
}

/**
 * Withdraws a filed service record (recorded in error): it stays, marked with who, when and
 * why; the programme counters drop its hours; its learning-hours credit is voided downstream
 * (the record's change on the stream is ServiceWithdrawn).
 */
export async function withdrawService(needId: string, expertId: string, principal: Principal, reason: string): Promise<ServiceRecord> {
  if (!principal.groups.includes('admin') && principal.expertId !== expertId) throw problems.forbidden(text('只有填报该记录的专家或管理员可以撤回服务记录。', 'Only the expert who filed it, or an admin, withdraws a service record.'));
  return withRetries(async () => {
    const records = await needRecords(needId);
    const service = records?.services.find((s) => s.expertId === expertId);
    if (!records || !service) throw problems.notFound(text('未找到该服务记录。', 'No such service record.'));
    if (service.withdrawn) throw problems.conflict(text('该服务记录已撤回。', 'This service record is withdrawn already.'));
    const withdrawn: ServiceRecord = { ...service, withdrawn: { at: new Date().toISOString(), by: principal.label, reason } };
    const expert = await getExpert(expertId);
    const eastToWest = expert ? isEastToWest(expert.region, records.need.region) : false;
    await transact([
      serviceChangeWrite(withdrawn),
      ...statsWrites(records.need.region, yearOf(records.need), { serviceHours: -service.hours, eastToWestServices: eastToWest ? -1 : 0, eastToWestHours: eastToWest ? -service.hours : 0 }),
    ]);
    return withdrawn;
  });
}
