import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { NO_SUCH_EXPERT } from './messages';
import type { ProposalRecord, StoredExpert, StoredNeed } from '../core/need-state';
import { expertWrites, getExpert } from '../store/experts';
import { needChangeWrite, needRecords, newProposalWrite, proposalChangeWrite, type NeedRecords } from '../store/needs';
import { engagedIn, statsWrites } from '../store/stats';
import { transact, withRetries } from '../store/transactions';
import { proposeNext, yearOf } from './matching';

/** An expert answers only proposals made to them (DESIGN §5). */
export function requireOwnProposal(principal: Principal, expertId: string): void {
  if (principal.expertId !== expertId) throw problems.forbidden(text('专家只能答复发给本人的邀请。', 'An expert may answer only their own proposals.'));
}

async function pendingProposal(needId: string, expertId: string): Promise<{ records: NeedRecords; proposal: ProposalRecord }> {
  const records = await needRecords(needId);
  const proposal = records?.proposals.find((p) => p.expertId === expertId);
  if (!records || !proposal) throw problems.notFound(text('未找到该邀请。', 'No such proposal.'));
  if (proposal.status !== 'PROPOSED') throw problems.conflict(text(`该邀请已答复（${proposal.status}）。`, `This proposal was already answered (${proposal.status}).`), { proposalStatus: proposal.status });
  return { records, proposal };
}

/**
 * Accepting takes one of the expert's capacity at once: the proposal, the need's accepted count
 * (CONFIRMED when it reaches the number wanted), the expert's load and the programme counters
 * change in one transaction whose conditions fail if any of them moved since they were read —
 * so two needs confirming the same expert at the same time can never exceed their capacity.
 */
export async function acceptProposal(needId: string, expertId: string): Promise<{ need: StoredNeed; proposal: ProposalRecord }> {
  return withRetries(async () => {
    const { records, proposal } = await pendingProposal(needId, expertId);
    const { need } = records;
    const expert = await getExpert(expertId);
    if (!expert) throw problems.notFound(NO_SUCH_EXPERT);
    if (expert.load >= expert.capacity) throw problems.conflict(text('您同时承接的服务已达上限，请先完成一项服务或调高可承接数量。', 'You are serving at your full capacity; finish a service or raise your capacity first.'), { load: expert.load, capacity: expert.capacity });
    const now = new Date().toISOString();
    const accepted = need.acceptedCount + 1;
    const confirmed = accepted >= need.expertsWanted;
    const nextNeed: StoredNeed = { ...need, acceptedCount: accepted, acceptedExperts: [...need.acceptedExperts, expertId], ...(confirmed ? { status: 'CONFIRMED', confirmedAt: now } : {}) };
    const nextProposal: ProposalRecord = { ...proposal, status: 'ACCEPTED', answeredAt: now };
    const nextExpert: StoredExpert = { ...expert, load: expert.load + 1, version: expert.version + 1, updatedAt: now };
    const year = yearOf(need);
    await transact([
      proposalChangeWrite(nextProposal, 'PROPOSED'),
      needChangeWrite(nextNeed, need),
      ...expertWrites(nextExpert, expert),
      ...statsWrites(need.region, year, { needsConfirmed: confirmed ? 1 : 0 }, { expertId, already: await engagedIn(need.region, year, expertId) }),
    ]);
    return { need: nextNeed, proposal: nextProposal };
  });
}

/**
 * A decline proposes the next best expert who is still free (never anyone already involved),
 * in the same transaction; with nobody left, the need keeps the reason why.
 */
export async function declineProposal(needId: string, expertId: string, reason: string | undefined) {
  return withRetries(async () => {
    const { records, proposal } = await pendingProposal(needId, expertId);
    const { need } = records;
    const now = new Date().toISOString();
    const declined: ProposalRecord = { ...proposal, status: 'DECLINED', answeredAt: now, ...(reason ? { declineReason: reason } : {}) };
    const involved = records.proposals.map((p) => (p.expertId === expertId ? declined : p));
    const pending = involved.filter((p) => p.status === 'PROPOSED').length;
    const { proposals, shortfall } = await proposeNext(need, involved, need.expertsWanted - need.acceptedCount - pending, 'decline');
    const nobodyLeft = need.acceptedCount === 0 && pending === 0 && proposals.length === 0;
    const { shortfall: _old, ...rest } = need;
    const nextNeed: StoredNeed = { ...rest, status: nobodyLeft ? 'NO_MATCH' : need.status, ...(shortfall ? { shortfall } : {}) };
    await transact([proposalChangeWrite(declined, 'PROPOSED'), needChangeWrite(nextNeed, need), ...proposals.map(newProposalWrite)]);
    return { declined, replacement: proposals[0] ?? null, need: nextNeed };
  });
}
