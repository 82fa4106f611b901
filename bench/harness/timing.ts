import { summarize, type Summary } from './stats';

export interface LoopSettings {
  /** Measured iterations. */
  iterations: number;
  /** Iterations run first and thrown away: JIT, handler import, keep-alive sockets. */
  warmup: number;
  /** Operations in flight at once. */
  concurrency: number;
}

export interface LoopResult {
  samplesMs: number[];
  wallMs: number;
}

/**
 * Runs `op` exactly `count` times with at most `concurrency` in flight. Each worker claims the
 * next index from a shared counter, so the loop is bounded by `count` whatever the timing.
 * The first failure stops further claims and is rethrown once in-flight operations settle.
 */
export async function runLoop(op: () => Promise<void>, count: number, concurrency: number, now: () => number = () => performance.now()): Promise<LoopResult> {
  if (!Number.isInteger(count) || count < 0) throw new Error(`iteration count must be a non-negative integer, got ${count}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  const samplesMs: number[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < count && !failure) {
      next += 1;
      const started = now();
      try {
        await op();
      } catch (error) {
        failure ??= { error };
        return;
      }
      samplesMs.push(now() - started);
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = now() - started;
  if (failure) throw failure.error;
  return { samplesMs, wallMs };
}

/** Splits `total` iterations into `parts` chunks whose sizes differ by at most one. */
export function splitIterations(total: number, parts: number): number[] {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`parts must be a positive integer, got ${parts}`);
  const chunks = Math.min(parts, Math.max(total, 1));
  return Array.from({ length: chunks }, (_, i) => Math.floor(total / chunks) + (i < total % chunks ? 1 : 0));
}

export interface Phase {
  op: () => Promise<void>;
  /** Called right before / after each measured chunk of this phase, e.g. to meter only its calls. */
  before?: () => void;
  after?: () => void;
}

/**
 * Warms every phase up, then measures them in alternating rounds (A B A B …), each phase
 * `settings.iterations` times in all. Alternating spreads drift over the run (DynamoDB Local's
 * JIT warming up, GC, a noisy neighbour) across all phases instead of charging it to whichever
 * ran first. Each phase's throughput is its operations over the wall time of its own chunks.
 */
export async function measureAlternating(phases: readonly Phase[], settings: LoopSettings, rounds: number, now: () => number = () => performance.now()): Promise<Summary[]> {
  for (const phase of phases) await runLoop(phase.op, settings.warmup, settings.concurrency, now);
  const collected = phases.map(() => ({ samplesMs: [] as number[], wallMs: 0 }));
  for (const chunk of splitIterations(settings.iterations, rounds)) {
    for (const [i, phase] of phases.entries()) {
      phase.before?.();
      const result = await runLoop(phase.op, chunk, settings.concurrency, now);
      phase.after?.();
      collected[i]!.samplesMs.push(...result.samplesMs);
      collected[i]!.wallMs += result.wallMs;
    }
  }
  return collected.map((c) => summarize(c.samplesMs, c.wallMs));
}

/** Warm-up, then the measured phase, summarised: one operation on its own. */
export async function measure(op: () => Promise<void>, settings: LoopSettings, now?: () => number): Promise<Summary> {
  const [summary] = await measureAlternating([{ op }], settings, 1, now);
  return summary!;
}
