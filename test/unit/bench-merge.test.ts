import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../bench/harness/merge';
import type { BenchResult } from '../../bench/harness/types';

const settings = { iterations: 10, warmup: 1, concurrency: 2 };
const environment = { node: 'v24.0.0', platform: 'linux', arch: 'x64', cpus: 2 };

function part(name: string, notes: string[]): BenchResult {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 60_000,
    environment,
    settings,
    scenarios: [{ name, description: `${name} scenario` }],
    rows: [{ scenario: name } as BenchResult['rows'][number]],
    figures: [{ scenario: name } as BenchResult['figures'][number]],
    notes,
  };
}

describe('mergeResults (scenarios run in processes of their own)', () => {
  it('keeps every scenario, row and figure in order, each note once, and names the scenarios that left no result', () => {
    const started = new Date('2026-01-01T00:00:00.000Z');
    const finished = new Date('2026-01-01T00:05:00.000Z');
    const merged = mergeResults(started, finished, settings, [part('a', ['harness note', 'a: seeded']), part('b', ['harness note', 'b: seeded'])], ['c: failed (exit code 1)']);
    expect(merged.scenarios.map((s) => s.name)).toEqual(['a', 'b']);
    expect(merged.rows.map((r) => r.scenario)).toEqual(['a', 'b']);
    expect(merged.figures.map((f) => f.scenario)).toEqual(['a', 'b']);
    expect(merged.notes).toEqual(['harness note', 'a: seeded', 'b: seeded', 'no result: c: failed (exit code 1)']);
    expect(merged.durationMs).toBe(300_000);
    expect(merged.environment).toEqual(environment);
  });
});
