import { dominantRule, explainPool, RULE_LABELS } from '../core/eligibility';
import { excludedBy, type ProposalRecord, type Shortfall, type StoredNeed } from '../core/need-state';
import { rankCandidates } from '../core/score';
import { candidatesFor } from '../store/experts';
import { needChangeWrite, needRecords, newProposalWrite } from '../store/needs';
import { statsWrites } from '../store/stats';
import { transact, withRetries } from '../store/transactions';

export const yearOf = (need: Pick<StoredNeed, 'submittedAt'>) => Number(new Date(Date.parse(need.submittedAt) + 8 * 3600_000).toISOString().slice(0, 4));

export interface Proposing {
  proposals: ProposalRecord[];
  /** Set when fewer experts than `slots` could be proposed. */
  shortfall?: Shortfall;
}

/**
 * The next `slots` best experts for a need, never anyone already involved with it. Candidates
 * come from one Query per discipline with the hard rules applied as a filter; only when that
 * leaves too few is the whole discipline pool read, to say which constraint thinned it out.
 */
export async function proposeNext(need: StoredNeed, involved: readonly ProposalRecord[], slots: number, proposedBy: ProposalRecord['proposedBy']): Promise<Proposing> {
  if (slots <= 0) return { proposals: [] };
  const excluded = excludedBy(involved);
  const ranking = rankCandidates(need, await candidatesFor(need, true), excluded);
  const now = new Date().toISOString();
  const proposals = ranking.proposals.slice(0, slots).map((p) => ({ needId: need.id, expertId: p.expertId, status: 'PROPOSED' as const, score: p.score, reasons: p.reasons, factors: p.factors, proposedAt: now, proposedBy }));
  if (proposals.length === slots) return { proposals };
  return { proposals, shortfall: await shortfallOf(need, excluded, proposals.length, slots) };
}

async function shortfallOf(need: StoredNeed, excluded: ReturnType<typeof excludedBy>, found: number, slots: number): Promise<Shortfall> {
  const pool = await candidatesFor(need, false);
  const explanation = explainPool(need, pool, excluded);
  const cause = dominantRule(explanation);
  const label = cause === 'NO_CANDIDATES' ? { en: 'no expert registered in these disciplines', zh: '该学科暂无登记专家' } : RULE_LABELS[cause];
  const prefix = found ? `Only ${found} of ${slots} wanted could be proposed` : 'No expert could be proposed';
  return { cause, reason: `${prefix}: most candidates are ${label.en}.`, reasonZh: `${found ? `仅能推荐 ${found} 位（需要 ${slots} 位）` : '无可推荐专家'}：多数候选专家${label.zh}。`, summary: explanation.summary };
}

export type MatchOutcome = 'proposed' | 'no-match' | 'skipped';

/**
 * Matching triggered by a need's INSERT on the stream. Only a need still SUBMITTED is matched,
 * and the result is written on condition that it still is — so a redelivered record, or two
 * deliveries at once, propose experts once (the loser re-reads, finds it matched, and skips).
 */
export async function matchSubmittedNeed(needId: string): Promise<MatchOutcome> {
  return withRetries(async () => {
    const records = await needRecords(needId);
    if (!records || records.need.status !== 'SUBMITTED') return 'skipped';
    const { need } = records;
    const { proposals, shortfall } = await proposeNext(need, records.proposals, need.expertsWanted, 'matching');
    const next: StoredNeed = { ...need, status: proposals.length ? 'PROPOSED' : 'NO_MATCH', matchedAt: new Date().toISOString(), ...(shortfall ? { shortfall } : {}) };
    await transact([needChangeWrite(next, need), ...proposals.map(newProposalWrite), ...statsWrites(need.region, yearOf(need), { needsMatched: proposals.length ? 1 : 0 })]);
    return proposals.length ? 'proposed' : 'no-match';
  });
}
