import { checkEligibility } from '../core/eligibility';
import { excludedBy } from '../core/need-state';
import { rankCandidates } from '../core/score';
import { candidatesFor } from '../store/experts';
import type { NeedRecords } from '../store/needs';
import type { StoredExpert } from '../core/need-state';

/**
 * "Why not this expert?": the hard rule that blocks them, or — when none does — their score,
 * factor by factor, and their rank among everyone feasible for the need right now.
 */
export async function explainCandidate(records: NeedRecords, expert: StoredExpert) {
  const { need, proposals } = records;
  const excluded = excludedBy(proposals);
  const proposal = proposals.find((p) => p.expertId === expert.id);
  const base = { needId: need.id, expertId: expert.id, proposal: proposal ? { status: proposal.status, score: proposal.score } : null };
  const eligibility = checkEligibility(need, expert, excluded);
  if (!eligibility.eligible) return { ...base, eligible: false, blockedBy: { rule: eligibility.rule, reason: eligibility.reason, reasonZh: eligibility.reasonZh } };
  const candidates = (await candidatesFor(need, true)).filter((e) => e.id !== expert.id);
  const ranking = rankCandidates(need, [...candidates, expert], excluded);
  const index = ranking.proposals.findIndex((p) => p.expertId === expert.id);
  const mine = ranking.proposals[index]!;
  return { ...base, eligible: true, score: mine.score, factors: mine.factors, reasons: mine.reasons, rank: index + 1, of: ranking.proposals.length };
}
