import { greedyRound, planRound, type OpenNeed, type RoundResult } from '../core/assignment';
import { excludedBy, type ProposalRecord, type StoredExpert, type StoredNeed } from '../core/need-state';
import { scoreExpert } from '../core/score';
import { candidatesFor } from '../store/experts';
import { needChangeWrite, needRecords, newProposalWrite, openNeeds } from '../store/needs';
import { groupsOf } from '../store/items';
import { lostRace, transact } from '../store/transactions';

/** A round reads at most this many open needs (oldest first); the report says when more wait. */
export const ROUND_NEED_LIMIT = 500;

const figures = (r: RoundResult) => ({ coverage: r.coverage, totalScore: r.totalScore, minScore: r.minScore });

/**
 * Assigns all open needs at once (DESIGN §5): the optimal plan (coverage first, then total
 * score, by min-cost flow) and, for comparison, a greedy plan of the same input. Unless it is a
 * dry run, each planned pair becomes a proposal; a need that changed meanwhile is left as it is.
 */
export async function runRound(dryRun: boolean) {
  const needs = await openNeeds(ROUND_NEED_LIMIT + 1);
  const inRound = needs.slice(0, ROUND_NEED_LIMIT);
  const open: (OpenNeed & { stored: StoredNeed; involved: ProposalRecord[] })[] = [];
  for (const need of inRound) {
    const records = await needRecords(need.id);
    if (!records) continue;
    const pending = records.proposals.filter((p) => p.status === 'PROPOSED').length;
    // Pending proposals hold their slots: the round fills only what nobody is asked for yet.
    open.push({ need: records.need, stored: records.need, involved: records.proposals, accepted: records.need.acceptedCount + pending, excluded: excludedBy(records.proposals) });
  }
  const experts = await expertsFor(open.map((o) => o.stored));
  const optimal = planRound(open, experts);
  const greedy = greedyRound(open, experts);

  let proposed = 0;
  const skipped: string[] = [];
  if (!dryRun) {
    const now = new Date().toISOString();
    const byId = new Map(experts.map((e) => [e.id, e]));
    for (const o of open) {
      const picks = optimal.assignments.filter((a) => a.needId === o.stored.id);
      if (!picks.length) continue;
      const proposals: ProposalRecord[] = picks.map((a) => ({
        needId: a.needId,
        expertId: a.expertId,
        status: 'PROPOSED',
        score: a.score,
        reasons: a.reasons,
        factors: scoreExpert(o.stored, byId.get(a.expertId)!).factors,
        proposedAt: now,
        proposedBy: 'round',
      }));
      const { shortfall: _s, ...need } = o.stored;
      try {
        await transact([needChangeWrite({ ...need, status: 'PROPOSED' }, o.stored), ...proposals.map(newProposalWrite)]);
        proposed += proposals.length;
      } catch (error) {
        if (!lostRace(error)) throw error;
        skipped.push(o.stored.id);
      }
    }
  }
  return {
    dryRun,
    needsInRound: open.length,
    moreNeedsWaiting: needs.length > ROUND_NEED_LIMIT,
    expertsConsidered: experts.length,
    optimal: { ...figures(optimal), assignments: optimal.assignments, shortfalls: optimal.shortfalls },
    greedy: figures(greedy),
    proposalsMade: proposed,
    needsChangedMeanwhile: skipped,
  };
}

/** Every feasible expert of the needs' disciplines, each discipline set queried once. */
async function expertsFor(needs: StoredNeed[]): Promise<StoredExpert[]> {
  const experts = new Map<string, StoredExpert>();
  const seen = new Set<string>();
  for (const need of needs) {
    const key = `${groupsOf(need.fields).join(',')}|${need.serviceForm}|${need.window.from}|${need.window.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const e of await candidatesFor(need, true)) experts.set(e.id, e);
  }
  return [...experts.values()];
}
