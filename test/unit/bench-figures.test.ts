import { DynamoDBClient, GetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { compare, toRow, withOverrides } from '../../bench/harness/compare';
import { DdbMeter } from '../../bench/harness/ddb-meter';
import { figureRow, formatValue, groupThousands, isFigure } from '../../bench/harness/figures';
import { median, type Summary } from '../../bench/harness/stats';
import { formatFigures, formatReport } from '../../bench/harness/table';
import type { BenchResult } from '../../bench/harness/types';
import { baselineItem, batchSettings, BASELINE_PREFIX, chunks } from '../../bench/scenarios/certificate-batch';
import { isVerificationLogWrite } from '../../bench/scenarios/certificate-verify';
import { importProbeScript, lambdaBuildOptions, parseProbeOutput, rotate } from '../../bench/scenarios/cold-start';
import { LAMBDA_BANNER } from '../../infra/lambda-bundling';
import type { Certificate } from '../../functions/certificates/core/model';

/** A client whose calls never leave the process: each answers with the given ConsumedCapacity. */
function fakeClient(meter: DdbMeter, units: number): DynamoDBClient {
  const client = meter.instrument(new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  client.middlewareStack.add(() => async () => ({ output: { $metadata: {}, ConsumedCapacity: { CapacityUnits: units } }, response: {} }), {
    step: 'serialize',
    priority: 'high',
    name: 'fakeDynamoDb',
  });
  return client;
}

const logWrite = (sk: string) => new BatchWriteItemCommand({ RequestItems: { t: [{ PutRequest: { Item: { pk: { S: 'CERT#1' }, sk: { S: sk } } } }] } });

describe('bench figures', () => {
  it('takes the median, averaging the middle pair of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('builds figure rows with ratios from unrounded values', () => {
    const row = figureRow({ scenario: 's', figure: 'size', operation: 'a', value: 1000.123456, unit: 'B', baseline: { name: 'b', value: 3 } });
    expect(row).toEqual({ kind: 'figure', scenario: 's', figure: 'size', operation: 'a', value: 1000.1235, unit: 'B', baseline: 'b', baselineValue: 3, ratio: 333.374 });
    expect(isFigure(row)).toBe(true);
    const alone = figureRow({ scenario: 's', figure: 'calls', operation: 'a', value: 0.04, unit: 'calls', note: 'why' });
    expect(alone).toMatchObject({ baseline: null, baselineValue: null, ratio: null, note: 'why' });
    // A value that could not be measured has no ratio, and neither has a zero baseline.
    expect(figureRow({ scenario: 's', figure: 'f', operation: 'a', value: null, unit: 'ms', baseline: { name: 'b', value: 1 } }).ratio).toBeNull();
    expect(figureRow({ scenario: 's', figure: 'f', operation: 'a', value: 1, unit: 'ms', baseline: { name: 'b', value: 0 } }).ratio).toBeNull();
  });

  it('tells figure rows from latency rows', () => {
    const summary: Summary = { count: 1, p50Ms: 1, p99Ms: 1, meanMs: 1, throughput: 1 };
    expect(isFigure(toRow('s', 'o', 'b', summary, summary, { ddbCallsPerOp: 1, readUnitsPerOp: 0, writeUnitsPerOp: 0, unreported: 0 }))).toBe(false);
  });

  it('formats values by unit: bytes grouped, fewer decimals for larger numbers', () => {
    expect(groupThousands(2846392)).toBe('2,846,392');
    expect(groupThousands(150)).toBe('150');
    expect(formatValue(2846392, 'B')).toBe('2,846,392 B');
    expect(formatValue(1026.14, 'cert/s')).toBe('1026.1 cert/s');
    expect(formatValue(1.178, 'ms')).toBe('1.18 ms');
    expect(formatValue(0.012, 'calls')).toBe('0.012 calls');
    expect(formatValue(null, 'ms')).toBe('n/a');
  });

  it('prints figures as their own table and leaves out an empty latency table', () => {
    const figures = [
      figureRow({ scenario: 'cold-start', figure: 'bundle size', operation: 'verify', value: 1000, unit: 'B', baseline: { name: 'hello', value: 100 } }),
      figureRow({ scenario: 'cold-start', figure: 'import time', operation: 'render', value: null, unit: 'ms', baseline: { name: 'hello', value: 1 }, note: 'import fails' }),
      figureRow({ scenario: 'verify', figure: 'calls', operation: 'log', value: 0.04, unit: 'calls' }),
    ];
    const [header, , size, failed, alone] = formatFigures(figures);
    expect(header).toMatch(/^scenario\s+figure\s+operation\s+value\s+baseline\s+base value\s+ratio\s+note$/);
    expect(size).toContain('1,000 B');
    expect(size).toContain('10.00x');
    expect(failed).toMatch(/n\/a .*n\/a\s+import fails$/);
    expect(alone).toMatch(/0\.040 calls\s+-\s+-\s+-$/);

    const result: BenchResult = {
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 1000,
      environment: { node: 'v24', platform: 'linux', arch: 'x64', cpus: 2 },
      settings: { iterations: 1, warmup: 0, concurrency: 1 },
      scenarios: [],
      rows: [],
      figures,
      notes: ['a note'],
    };
    const report = formatReport(result);
    expect(report).not.toContain('p50 ms');
    expect(report).toContain('base value');
    expect(report).toContain('* a note');
    expect(formatReport({ ...result, figures: [] })).toContain('p50 ms');
  });
});

describe('bench comparisons with overrides and background calls', () => {
  it('applies per-comparison settings over the run’s, ignoring undefined', () => {
    const run = { iterations: 300, warmup: 30, concurrency: 4 };
    expect(withOverrides(run, { iterations: 5, warmup: 1, concurrency: 1 })).toEqual({ iterations: 5, warmup: 1, concurrency: 1 });
    expect(withOverrides(run, { iterations: undefined, concurrency: 2 })).toEqual({ iterations: 300, warmup: 30, concurrency: 2 });
    expect(withOverrides(run, undefined)).toEqual(run);
  });

  it('counts a tracked subset of calls on the side, in the meter’s totals too', async () => {
    const meter = new DdbMeter();
    const client = fakeClient(meter, 0.5);
    const subset = meter.track(isVerificationLogWrite);
    await client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'CERT#1' }, sk: { S: '#CERT' } } }));
    await client.send(logWrite('VERIFY#2026#a'));
    subset.stop();
    await client.send(logWrite('VERIFY#2026#b'));
    expect(meter.snapshot()).toEqual({ calls: 3, eligible: 3, reported: 3, readUnits: 0.5, writeUnits: 1 });
    expect(subset.snapshot()).toEqual({ calls: 1, eligible: 1, reported: 1, readUnits: 0, writeUnits: 0.5 });
    client.destroy();
  });

  it('leaves excluded background calls out of the operation’s row and reports them apart', async () => {
    const meter = new DdbMeter();
    const client = fakeClient(meter, 0.5);
    const detail = await compare(
      'verify',
      {
        settings: { iterations: 4, warmup: 1, concurrency: 1 },
        excludeCalls: isVerificationLogWrite,
        baseline: { name: 'raw', run: async () => void (await client.send(logWrite('VERIFY#x'))) },
        operation: {
          name: 'lookup',
          async run() {
            await client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'CERT#1' }, sk: { S: '#CERT' } } }));
            await client.send(logWrite('VERIFY#y'));
          },
        },
      },
      { iterations: 300, warmup: 30, concurrency: 4 },
      meter,
    );
    expect(detail.settings).toEqual({ iterations: 4, warmup: 1, concurrency: 1 });
    expect(detail.row.ddbCallsPerOp).toBe(1);
    expect(detail.row.readUnitsPerOp).toBe(0.5);
    expect(detail.row.writeUnitsPerOp).toBe(0);
    expect(detail.excluded).toEqual({ calls: 4, eligible: 4, reported: 4, readUnits: 0, writeUnits: 2 });
    expect(detail.operation.count).toBe(4);
    client.destroy();
  });
});

describe('bench certificate scenarios', () => {
  it('recognises the verification log’s writes, plain or marshalled, and nothing else', () => {
    const batch = (...sks: unknown[]) => ({ RequestItems: { t: sks.map((sk) => ({ PutRequest: { Item: { pk: 'CERT#1', sk } } })) } });
    expect(isVerificationLogWrite({ commandName: 'BatchWriteItemCommand', input: batch('VERIFY#2026#a', 'VERIFY#2026#b') })).toBe(true);
    expect(isVerificationLogWrite({ commandName: 'BatchWriteItemCommand', input: batch({ S: 'VERIFY#2026#a' }) })).toBe(true);
    expect(isVerificationLogWrite({ commandName: 'BatchWriteItemCommand', input: batch('VERIFY#2026#a', '#CERT') })).toBe(false);
    expect(isVerificationLogWrite({ commandName: 'BatchWriteItemCommand', input: batch() })).toBe(false);
    expect(isVerificationLogWrite({ commandName: 'BatchWriteItemCommand', input: { RequestItems: { t: [{ DeleteRequest: { Key: { sk: 'VERIFY#x' } } }] } } })).toBe(false);
    expect(isVerificationLogWrite({ commandName: 'PutItemCommand', input: { Item: { sk: 'VERIFY#x' } } })).toBe(false);
    expect(isVerificationLogWrite({ commandName: 'BatchWriteItemCommand', input: undefined })).toBe(false);
  });

  it('writes the route’s certificate item under the baseline’s own key', () => {
    const cert = { number: 'ZC310000202600000011', personId: 'p', issueDate: '2026-03-01', holderName: '张三' } as Certificate;
    expect(baselineItem(cert)).toEqual({
      pk: `${BASELINE_PREFIX}ZC310000202600000011`,
      sk: '#CERT',
      entity: 'Certificate',
      ...cert,
      holderPk: 'PERSON#p',
      holderSk: '2026-03-01#ZC310000202600000011',
    });
  });

  it('splits items into transactions of at most 100, in order', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    expect(chunks(items, 100).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks(items, 100).flat()).toEqual(items);
    expect(chunks([], 100)).toEqual([]);
    expect(() => chunks(items, 0)).toThrow();
  });

  it('runs a few sequential batches, fewer when the run is scaled down', () => {
    expect(batchSettings({ iterations: 300, warmup: 30, concurrency: 4 })).toEqual({ iterations: 5, warmup: 1, concurrency: 1 });
    expect(batchSettings({ iterations: 2, warmup: 0, concurrency: 4 })).toEqual({ iterations: 2, warmup: 0, concurrency: 1 });
  });
});

describe('bench cold-start proxy', () => {
  it('bundles with the options ServiceFunction gives NodejsFunction', () => {
    const options = lambdaBuildOptions('/src/verify.ts', '/out/index.mjs');
    expect(options).toMatchObject({
      entryPoints: ['/src/verify.ts'],
      outfile: '/out/index.mjs',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      sourcemap: false,
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/*'],
      loader: { '.json': 'json' },
      banner: { js: LAMBDA_BANNER },
    });
    // The banner must give bundled CommonJS code what an ES module lacks.
    for (const name of ['require', '__filename', '__dirname']) expect(LAMBDA_BANNER).toContain(`const ${name}=`);
  });

  it('times only the import in the probe and reads its result back', () => {
    const script = importProbeScript('file:///tmp/x/index.mjs');
    expect(script).toContain('await import("file:///tmp/x/index.mjs")');
    expect(script.indexOf('performance.now()')).toBeLessThan(script.indexOf('await import('));
    expect(parseProbeOutput('hello from the bundle\n{"ms":12.5,"connects":0}\n')).toEqual({ ms: 12.5, connects: 0 });
    expect(parseProbeOutput('{"ms":3,"connects":1,"error":"ReferenceError: x"}')).toEqual({ ms: 3, connects: 1, error: 'ReferenceError: x' });
    expect(() => parseProbeOutput('nothing')).toThrow();
    expect(() => parseProbeOutput('{"ms":"soon","connects":0}')).toThrow();
  });

  it('rotates the order of the bundles each round', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 5)).toEqual(['c', 'a', 'b']);
    expect(rotate([], 3)).toEqual([]);
  });
});
