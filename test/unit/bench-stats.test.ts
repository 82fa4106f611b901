import { describe, expect, it } from 'vitest';
import { toRow } from '../../bench/harness/compare';
import { commandKind, difference, perOp, unitsOf, type MeterSnapshot } from '../../bench/harness/ddb-meter';
import { resultFileName } from '../../bench/harness/results';
import { settingsFromEnv } from '../../bench/harness/settings';
import { mean, percentile, ratio, summarize, type Summary } from '../../bench/harness/stats';
import { alignColumns, formatRows } from '../../bench/harness/table';
import { measureAlternating, runLoop, splitIterations } from '../../bench/harness/timing';

const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

describe('bench statistics', () => {
  it('takes nearest-rank percentiles, always an observed sample', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    // ceil(0.5 * 4) = 2nd smallest; ceil(0.99 * 4) = 4th.
    expect(percentile([40, 10, 30, 20], 50)).toBe(20);
    expect(percentile([40, 10, 30, 20], 99)).toBe(40);
    // 300 samples, as in a default run: p99 is the 297th smallest.
    expect(percentile(Array.from({ length: 300 }, (_, i) => i + 1), 99)).toBe(297);
  });

  it('sorts numerically without reordering the caller’s array', () => {
    const samples = [10, 9, 100, 1];
    expect(percentile(samples, 50)).toBe(9);
    expect(samples).toEqual([10, 9, 100, 1]);
  });

  it('refuses empty samples and percentiles out of range', () => {
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
    expect(() => mean([])).toThrow();
  });

  it('summarises latency and throughput over wall time', () => {
    const summary = summarize([2, 4, 6, 8], 500);
    expect(summary).toEqual({ count: 4, p50Ms: 4, p99Ms: 8, meanMs: 5, throughput: 8 });
    expect(() => summarize([1], 0)).toThrow();
  });

  it('computes ratios against the baseline and null when the baseline cannot divide', () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(5, 10)).toBe(0.5);
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(5, -1)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });

  it('builds a row of ratios from unrounded figures', () => {
    const op: Summary = { count: 3, p50Ms: 3, p99Ms: 9, meanMs: 4, throughput: 100 };
    const base: Summary = { count: 3, p50Ms: 1.5, p99Ms: 2, meanMs: 1.6, throughput: 300 };
    const row = toRow('health', 'GET /x', 'GetItem', op, base, { ddbCallsPerOp: 1, readUnitsPerOp: 0.5, writeUnitsPerOp: 0, unreported: 0 });
    expect(row).toEqual({
      scenario: 'health',
      operation: 'GET /x',
      baseline: 'GetItem',
      p50Ms: 3,
      p99Ms: 9,
      throughput: 100,
      baselineP50Ms: 1.5,
      baselineP99Ms: 2,
      baselineThroughput: 300,
      p50Ratio: 2,
      p99Ratio: 4.5,
      throughputRatio: 0.333,
      ddbCallsPerOp: 1,
      readUnitsPerOp: 0.5,
      writeUnitsPerOp: 0,
    });
  });
});

describe('bench DynamoDB meter arithmetic', () => {
  it('classifies commands that accept ReturnConsumedCapacity', () => {
    expect(commandKind('GetItemCommand')).toBe('read');
    expect(commandKind('QueryCommand')).toBe('read');
    expect(commandKind('TransactWriteItemsCommand')).toBe('write');
    expect(commandKind('DescribeTableCommand')).toBeUndefined();
    expect(commandKind(undefined)).toBeUndefined();
  });

  it('sums ConsumedCapacity given as an object or an array', () => {
    expect(unitsOf({ TableName: 't', CapacityUnits: 0.5 }, 'read')).toEqual({ read: 0.5, write: 0 });
    expect(unitsOf([{ CapacityUnits: 2 }, { CapacityUnits: 1 }], 'write')).toEqual({ read: 0, write: 3 });
    // When DynamoDB splits the units, the split wins over the command's kind.
    expect(unitsOf({ CapacityUnits: 3, ReadCapacityUnits: 1, WriteCapacityUnits: 2 }, 'write')).toEqual({ read: 1, write: 2 });
    expect(unitsOf(undefined, 'read')).toBeUndefined();
    expect(unitsOf([], 'read')).toBeUndefined();
  });

  it('reports units per operation only when every eligible call reported them', () => {
    const zero: MeterSnapshot = { calls: 0, eligible: 0, reported: 0, readUnits: 0, writeUnits: 0 };
    const full = difference({ calls: 12, eligible: 10, reported: 10, readUnits: 5, writeUnits: 2 }, { ...zero, calls: 2 });
    expect(perOp(full, 10)).toEqual({ ddbCallsPerOp: 1, readUnitsPerOp: 0.5, writeUnitsPerOp: 0.2, unreported: 0 });
    expect(perOp({ calls: 10, eligible: 10, reported: 4, readUnits: 2, writeUnits: 0 }, 10)).toEqual({ ddbCallsPerOp: 1, readUnitsPerOp: null, writeUnitsPerOp: null, unreported: 6 });
    // No calls at all: nothing was consumed, which is known, not missing.
    expect(perOp(zero, 5)).toEqual({ ddbCallsPerOp: 0, readUnitsPerOp: 0, writeUnitsPerOp: 0, unreported: 0 });
  });
});

describe('bench timing loop', () => {
  it('runs exactly the requested iterations with bounded concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    let calls = 0;
    const op = async () => {
      calls += 1;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight -= 1;
    };
    const result = await runLoop(op, 25, 4);
    expect(calls).toBe(25);
    expect(result.samplesMs).toHaveLength(25);
    expect(peak).toBe(4);
  });

  it('stops claiming iterations after a failure and rethrows it', async () => {
    let calls = 0;
    const op = async () => {
      calls += 1;
      if (calls === 3) throw new Error('boom');
    };
    await expect(runLoop(op, 100, 1)).rejects.toThrow('boom');
    expect(calls).toBe(3);
  });

  it('splits iterations into near-equal rounds', () => {
    expect(splitIterations(300, 5)).toEqual([60, 60, 60, 60, 60]);
    expect(splitIterations(7, 3)).toEqual([3, 2, 2]);
    expect(splitIterations(2, 5)).toEqual([1, 1]);
  });

  it('alternates phases after warming each up, metering only the wrapped chunks', async () => {
    const order: string[] = [];
    const phase = (name: string) => ({
      op: async () => void order.push(name),
      before: () => order.push(`${name}[`),
      after: () => order.push(`]${name}`),
    });
    const [a, b] = await measureAlternating([phase('a'), phase('b')], { iterations: 4, warmup: 1, concurrency: 1 }, 2);
    expect(order.join(' ')).toBe('a b a[ a a ]a b[ b b ]b a[ a a ]a b[ b b ]b');
    expect(a!.count).toBe(4);
    expect(b!.count).toBe(4);
  });
});

describe('bench report formatting', () => {
  it('aligns columns: text left, numbers right, every line the same width', () => {
    const lines = alignColumns(['name', 'ms'], [['a', '1.00'], ['longer', '123.45']], ['left', 'right']);
    expect(lines).toEqual(['name        ms', '------  ------', 'a         1.00', 'longer  123.45']);
  });

  it('prints ratios with an x and missing units as n/a', () => {
    const op: Summary = { count: 1, p50Ms: 2, p99Ms: 4, meanMs: 2, throughput: 50 };
    const base: Summary = { count: 1, p50Ms: 1, p99Ms: 1, meanMs: 1, throughput: 100 };
    const row = toRow('s', 'op', 'base', op, base, { ddbCallsPerOp: 1, readUnitsPerOp: null, writeUnitsPerOp: null, unreported: 1 });
    const [header, rule, line] = formatRows([row]);
    expect(header).toMatch(/^scenario\s+operation\s+baseline\s+p50 ms/);
    expect(rule).toMatch(/^-+( +-+)+$/);
    expect(line).toContain('2.00x');
    expect(line).toContain('4.00x');
    expect(line).toContain('0.50x');
    expect(line).toMatch(/n\/a\s+n\/a$/);
    expect(line!.length).toBeLessThanOrEqual(rule!.length);
  });
});

describe('bench settings and files', () => {
  it('reads overrides from the environment and rejects nonsense', () => {
    expect(settingsFromEnv({})).toEqual({ iterations: 300, warmup: 30, concurrency: 4 });
    expect(settingsFromEnv({ BENCH_ITERATIONS: '50', BENCH_CONCURRENCY: '2' })).toEqual({ iterations: 50, warmup: 5, concurrency: 2 });
    expect(settingsFromEnv({ BENCH_ITERATIONS: '50', BENCH_WARMUP: '0' }).warmup).toBe(0);
    expect(() => settingsFromEnv({ BENCH_ITERATIONS: 'lots' })).toThrow(/BENCH_ITERATIONS/);
    expect(() => settingsFromEnv({ BENCH_CONCURRENCY: '0' })).toThrow(/BENCH_CONCURRENCY/);
    expect(() => settingsFromEnv({ BENCH_ITERATIONS: '1e9' })).toThrow(/BENCH_ITERATIONS/);
  });

  it('names result files after the ISO timestamp without characters Windows forbids', () => {
    expect(resultFileName('2025-01-02T03:04:05.678Z')).toBe('2025-01-02T03-04-05-678Z.json');
  });
});
