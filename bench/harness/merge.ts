import { cpus } from 'node:os';
import type { LoopSettings } from './timing';
import type { BenchResult } from './types';

/**
 * One result from the results of scenarios run in processes of their own: their rows, figures
 * and scenarios in order, each note once (the harness's own notes repeat in every run), and a
 * note for every scenario that left no result.
 */
export function mergeResults(started: Date, finished: Date, settings: LoopSettings, parts: readonly BenchResult[], failures: readonly string[]): BenchResult {
  const notes = [...new Set(parts.flatMap((p) => p.notes))];
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    environment: parts[0]?.environment ?? { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length },
    settings,
    scenarios: parts.flatMap((p) => p.scenarios),
    rows: parts.flatMap((p) => p.rows),
    figures: parts.flatMap((p) => p.figures),
    notes: [...notes, ...failures.map((f) => `no result: ${f}`)],
  };
}
