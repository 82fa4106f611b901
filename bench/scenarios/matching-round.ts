import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { greedyRound, planRound, type OpenNeed, type RoundResult } from '../../functions/expert-matching/core/assignment';
import type { Expert } from '../../functions/expert-matching/core/model';
import { NOTHING_EXCLUDED } from '../../functions/expert-matching/core/model';
import { expertTerms } from '../../functions/expert-matching/core/relevance';
import { scoreCandidates } from '../../functions/expert-matching/core/score';
import { groupsOf } from '../../functions/expert-matching/store/items';
import { expertAt, needAt } from '../fixtures/experts';
import { figureRow } from '../harness/figures';
import type { FigureRow, Scenario } from '../harness/types';

/*
 * A matching round (POST /matching-rounds, core/assignment.ts) at the scale of a province's
 * backlog: BENCH_ROUND_NEEDS open needs (default 5,000) against BENCH_ROUND_EXPERTS experts
 * (default 50,000) with capacities, solved exactly (planRound, min-cost flow) and greedily
 * (greedyRound), next to an upper bound on what any round could reach. No DynamoDB: the
 * solvers are pure, and the store's part (candidatesFor) is measured by matching-one-need.
 *
 * Each need is given the experts of its first-level disciplines as candidates (OpenNeed.
 * candidates), as the app retrieves them through byDiscipline; the solvers judge only those
 * pairs, by the same rules and scores as all-pairs. Without the list a round judges every
 * need against every expert: 250 million pairs at the default size.
 *
 * Every solver runs in a worker thread of its own, on data the worker generates itself (the
 * same on every run), with a wall-clock budget (BENCH_ROUND_BUDGET_S, default 300 s) that starts
 * once the data is ready: a solver over budget is stopped and reported as such, never waited
 * for. When planRound does not finish at the requested size, the round is run again at 40%,
 * then 20%, then 10% of it (needs and experts alike) until it does, so a run always says how
 * far the exact solver reaches.
 */

const SCENARIO = 'matching-round';
const DEFAULT_NEEDS = 5_000;
const DEFAULT_EXPERTS = 50_000;
const DEFAULT_BUDGET_S = 300;
/** The scales tried after the requested size when planRound does not finish in time. */
const FALLBACK_SCALES = [0.4, 0.2, 0.1];
/** Generating the data is not measured, but must not hang the run either. */
const SETUP_TIMEOUT_MS = 600_000;
/** Old-space heap of a solver's worker: all-candidate scoring at the default size holds tens of millions of pairs. */
const WORKER_HEAP_MB = 12_288;
const EXPERT_SEED = 11;
const NEED_SEED = 12;

export interface RoundSize {
  needs: number;
  experts: number;
}

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer from 1 to ${max}, got "${raw}"`);
  return value;
}

/** BENCH_ROUND_NEEDS, BENCH_ROUND_EXPERTS and BENCH_ROUND_BUDGET_S (seconds per solver). */
export function roundSettingsFromEnv(env: Record<string, string | undefined>): { size: RoundSize; budgetS: number } {
  return {
    size: { needs: positiveInteger(env, 'BENCH_ROUND_NEEDS', DEFAULT_NEEDS, 100_000), experts: positiveInteger(env, 'BENCH_ROUND_EXPERTS', DEFAULT_EXPERTS, 1_000_000) },
    budgetS: positiveInteger(env, 'BENCH_ROUND_BUDGET_S', DEFAULT_BUDGET_S, 86_400),
  };
}

/**
 * The round: experts and needs from the fixtures, each need listing as candidates every expert
 * who shares one of its first-level disciplines (what candidatesFor's Queries return, before
 * their filter: the solvers apply the same rules themselves).
 */
export function roundInput(size: RoundSize): { openNeeds: OpenNeed[]; experts: Expert[] } {
  const experts = Array.from({ length: size.experts }, (_, i) => expertAt(i, EXPERT_SEED));
  const byGroup = new Map<string, string[]>();
  for (const e of experts) {
    for (const g of groupsOf(e.fields)) {
      const ids = byGroup.get(g);
      if (ids) ids.push(e.id);
      else byGroup.set(g, [e.id]);
    }
  }
  const openNeeds = Array.from({ length: size.needs }, (_, i): OpenNeed => {
    const need = needAt(i, NEED_SEED);
    const groups = groupsOf(need.fields);
    const candidates = groups.length === 1 ? (byGroup.get(groups[0]!) ?? []) : [...new Set(groups.flatMap((g) => byGroup.get(g) ?? []))];
    return { need, candidates };
  });
  return { openNeeds, experts };
}

type Job = 'bound' | 'greedy' | 'optimal';

interface JobData {
  kind: typeof SCENARIO;
  job: Job;
  size: RoundSize;
}

/** What a job reports: the figures of a round, or of the upper bound. */
export interface JobOutcome {
  ms: number;
  covered: number;
  slotsWanted: number;
  slotsFilled: number;
  totalScore: number;
  minScore: number | null;
  /** Pairs with a score: eligible under the hard rules. Only the bound counts them. */
  eligiblePairs?: number;
}

type JobMessage = { type: 'ready'; candidatePairs: number } | { type: 'done'; outcome: JobOutcome };

const cents = (score: number) => Math.round(score * 100);

/**
 * The upper bound, ignoring capacity: every need gets its best `wanted` eligible experts, as if
 * nobody else wanted them. No round can cover more needs, fill more slots or score more.
 * Scoring is the same work planRound and greedyRound do before they solve, so its time is also
 * the share of theirs spent judging pairs.
 */
export function upperBound(openNeeds: readonly OpenNeed[], experts: readonly Expert[]): Omit<JobOutcome, 'ms'> {
  const byId = new Map(experts.map((e) => [e.id, e]));
  const termsById = new Map(experts.map((e) => [e.id, expertTerms(e)]));
  let covered = 0;
  let slotsWanted = 0;
  let slotsFilled = 0;
  let totalCents = 0;
  let minScore: number | null = null;
  let eligiblePairs = 0;
  for (const open of openNeeds) {
    const wanted = open.need.expertsWanted - (open.accepted ?? 0);
    if (wanted <= 0) continue;
    const pool = open.candidates ? open.candidates.map((id) => byId.get(id)!) : experts;
    const scored = scoreCandidates(open.need, pool, open.excluded ?? NOTHING_EXCLUDED, {}, termsById);
    eligiblePairs += scored.length;
    slotsWanted += wanted;
    const best = scored.slice(0, wanted);
    if (best.length) covered += 1;
    slotsFilled += best.length;
    for (const c of best) {
      totalCents += cents(c.score);
      minScore = minScore === null ? c.score : Math.min(minScore, c.score);
    }
  }
  return { covered, slotsWanted, slotsFilled, totalScore: totalCents / 100, minScore, eligiblePairs };
}

const outcomeOf = (r: RoundResult, ms: number): JobOutcome => ({
  ms,
  covered: r.coverage.full + r.coverage.partial,
  slotsWanted: r.coverage.slotsWanted,
  slotsFilled: r.coverage.slotsFilled,
  totalScore: r.totalScore,
  minScore: r.minScore,
});

/** In a worker: builds the round, says so, then times the one job. */
function runJobHere(data: JobData): void {
  const { openNeeds, experts } = roundInput(data.size);
  const post = (message: JobMessage) => parentPort!.postMessage(message);
  post({ type: 'ready', candidatePairs: openNeeds.reduce((sum, o) => sum + (o.candidates?.length ?? experts.length), 0) });
  const started = performance.now();
  if (data.job === 'bound') {
    const bound = upperBound(openNeeds, experts);
    post({ type: 'done', outcome: { ...bound, ms: performance.now() - started } });
    return;
  }
  const result = data.job === 'optimal' ? planRound(openNeeds, experts) : greedyRound(openNeeds, experts);
  post({ type: 'done', outcome: outcomeOf(result, performance.now() - started) });
}

if (!isMainThread && (workerData as Partial<JobData> | undefined)?.kind === SCENARIO) runJobHere(workerData as JobData);

interface JobReport {
  candidatePairs?: number;
  outcome?: JobOutcome;
  /** Why there is no outcome: over budget, out of memory, a crash. */
  failure?: string;
}

/** Runs one job in a worker thread; stops it when it is still busy `budgetMs` after its data is ready. */
function runJob(job: Job, size: RoundSize, budgetMs: number): Promise<JobReport> {
  return new Promise((resolve) => {
    const data: JobData = { kind: SCENARIO, job, size };
    const worker = new Worker(new URL(import.meta.url), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const report: JobReport = {};
    let timer = setTimeout(() => finish(`data generation took over ${SETUP_TIMEOUT_MS / 1000} s`), SETUP_TIMEOUT_MS);
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (failure) report.failure = failure;
      void worker.terminate();
      resolve(report);
    };
    worker.on('message', (message: JobMessage) => {
      if (message.type === 'ready') {
        report.candidatePairs = message.candidatePairs;
        clearTimeout(timer);
        timer = setTimeout(() => finish(`did not finish within the ${budgetMs / 1000} s budget (BENCH_ROUND_BUDGET_S); stopped`), budgetMs);
      } else {
        report.outcome = message.outcome;
        finish();
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of memory (worker heap ${WORKER_HEAP_MB} MB)` : `failed: ${error.message}`),
    );
    worker.on('exit', (code) => finish(`worker exited with code ${code} before reporting`));
  });
}

const sizeLabel = (s: RoundSize) => `${s.needs}×${s.experts}`;
const scaled = (s: RoundSize, f: number): RoundSize => ({ needs: Math.max(1, Math.round(s.needs * f)), experts: Math.max(1, Math.round(s.experts * f)) });

/** The figures of one size: solve times, coverage, slots and scores of both solvers against the bound. */
function figuresOf(size: RoundSize, reports: Record<Job, JobReport>): FigureRow[] {
  const label = sizeLabel(size);
  const optimal = `planRound (exact) ${label}`;
  const greedy = `greedyRound ${label}`;
  const boundName = `upper bound ${label}`;
  const { bound: b, optimal: o, greedy: g } = reports;
  const missing = (r: JobReport) => (r.outcome ? undefined : r.failure);
  const value = (r: JobReport, pick: (x: JobOutcome) => number | null) => (r.outcome ? pick(r.outcome) : null);
  const rows: FigureRow[] = [];
  const figure = (name: string, operation: string, r: JobReport, pick: (x: JobOutcome) => number | null, unit: string, base?: { name: string; r: JobReport }, note?: string) =>
    rows.push(
      figureRow({
        scenario: SCENARIO,
        figure: name,
        operation,
        value: value(r, pick),
        unit,
        ...(base ? { baseline: { name: base.name, value: value(base.r, pick) } } : {}),
        note: [missing(r) && `${operation}: ${missing(r)}`, base && missing(base.r) && `${base.name}: ${missing(base.r)}`, note].filter(Boolean).join('; ') || undefined,
      }),
    );
  const pairs = b.candidatePairs ?? o.candidatePairs ?? g.candidatePairs;
  rows.push(
    figureRow({
      scenario: SCENARIO,
      figure: 'pairs judged',
      operation: `candidates of ${label}`,
      value: pairs ?? null,
      unit: 'pairs',
      baseline: { name: 'all pairs (no candidate lists)', value: size.needs * size.experts },
      note: 'each need against the experts of its first-level disciplines (OpenNeed.candidates), as the app retrieves them',
    }),
  );
  figure('eligible pairs', `candidates of ${label}`, b, (x) => x.eligiblePairs ?? null, 'pairs', undefined, 'pairs passing the hard rules: the flow network has one edge per pair');
  figure('scoring time', `score all candidates ${label}`, b, (x) => x.ms / 1000, 's', undefined, 'judging and scoring every candidate pair once, as both solvers do first; included in their solve times');
  figure('solve time', optimal, o, (x) => x.ms / 1000, 's', { name: greedy, r: g }, 'whole call: scoring, solving, reasons for the assigned pairs');
  figure('needs covered', optimal, o, (x) => x.covered, 'needs', { name: boundName, r: b }, `of ${size.needs}; the bound counts needs with at least one eligible expert`);
  figure('needs covered', greedy, g, (x) => x.covered, 'needs', { name: boundName, r: b });
  figure('slots filled', optimal, o, (x) => x.slotsFilled, 'slots', { name: boundName, r: b }, `of ${value(b, (x) => x.slotsWanted) ?? 'n/a'} wanted; the bound gives each need min(wanted, eligible)`);
  figure('slots filled', greedy, g, (x) => x.slotsFilled, 'slots', { name: boundName, r: b });
  figure('total score', optimal, o, (x) => x.totalScore, 'pts', { name: boundName, r: b }, "the bound: each need's best `wanted` scores, capacity ignored");
  figure('total score', greedy, g, (x) => x.totalScore, 'pts', { name: boundName, r: b });
  figure('total score', optimal, o, (x) => x.totalScore, 'pts', { name: greedy, r: g }, 'planRound maximises coverage, then pairs, then score: it may trade score for coverage');
  figure('minimum score', optimal, o, (x) => x.minScore, 'pts', { name: greedy, r: g });
  return rows;
}

export const matchingRoundScenario: Scenario = {
  name: SCENARIO,
  description: `planRound (min-cost flow) and greedyRound on BENCH_ROUND_NEEDS × BENCH_ROUND_EXPERTS (default ${DEFAULT_NEEDS} × ${DEFAULT_EXPERTS}), each need with its discipline candidates, vs the capacity-free upper bound`,
  async run(ctx) {
    const { size, budgetS } = roundSettingsFromEnv(process.env);
    const sizes = [size, ...FALLBACK_SCALES.map((f) => scaled(size, f)).filter((s) => s.needs < size.needs || s.experts < size.experts)];
    const rows: FigureRow[] = [];
    const finished: string[] = [];
    for (const current of sizes) {
      const reports = {} as Record<Job, JobReport>;
      // One at a time: two cores, and each job should have one to itself.
      for (const job of ['bound', 'greedy', 'optimal'] as const) reports[job] = await runJob(job, current, budgetS * 1000);
      rows.push(...figuresOf(current, reports));
      if (reports.optimal.outcome) {
        finished.push(sizeLabel(current));
        break;
      }
    }
    ctx.note(
      `one solver at a time, each in its own worker thread on data it generates itself (fixed seeds: experts ${EXPERT_SEED}, needs ${NEED_SEED}; not timed), with a ${budgetS} s budget (BENCH_ROUND_BUDGET_S) from when its data is ready. ` +
        (finished.length
          ? `planRound finished at ${finished.join(', ')}${sizes[0] && sizeLabel(sizes[0]) !== finished[0] ? ` but not at ${sizeLabel(sizes[0])}` : ''}. planRound solves the flow on each need's best experts, then prices the left-out pairs (core/round-flow.ts); most of its time, and all of greedyRound's, is scoring the candidate pairs.`
          : `planRound finished at none of ${sizes.map(sizeLabel).join(', ')} within the budget.`),
    );
    return rows;
  },
};
