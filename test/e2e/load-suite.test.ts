import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { figuresOf, type LoadResult } from '../support/load-suite/driver';
import {
  hourPostingWorkload,
  issueCertificates,
  needBurstWorkload,
  newRunId,
  prepareNeeds,
  registerInstitutions,
  resolveTables,
  verificationWorkload,
  verifyNothingLost,
  type InstitutionsSetup,
  type LoadTarget,
  type NeedsSetup,
  type VerificationSetup,
} from '../support/load-suite/workloads';
import { api, tokenFor } from '../support/tokens';

/*
 * The short, bounded form of the load suite (about 15 s of load in all, loopback only): public
 * verification at steady concurrency, many institutions posting hours at once, bursts of need
 * submissions. No 5xx, nothing accepted lost, every need matched. The full form with figures is
 * `BENCH_SCENARIOS=load npm run bench` (bench/scenarios/load.ts).
 *
 * Tenants used by no other e2e file: region 460000/460100 (Hainan), LOAD-* institution, unit and
 * expert ids, Hainan resident ID numbers, discipline 18031.
 */

const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 6);

let target: LoadTarget;
let dynamo: DynamoDBClient;
const results: Record<string, LoadResult> = {};

const report = (name: string, result: LoadResult) => {
  results[name] = result;
  console.log(`load ${name}: ${JSON.stringify(figuresOf(result))}`);
};

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  expect(endpoint, 'the runtime names its DynamoDB endpoint').toMatch(/^http:\/\/127\.0\.0\.1:/);
  dynamo = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  target = { url: api(''), token: tokenFor, dynamo, tables: await resolveTables(dynamo), runId: newRunId() };
});

afterAll(() => dynamo?.destroy());

describe('load suite, short form (npm start, loopback)', () => {
  let certificates: VerificationSetup;
  let institutions: InstitutionsSetup;
  let needs: NeedsSetup;

  it('verifies pre-issued certificates publicly at steady concurrency without a 5xx', async () => {
    certificates = await issueCertificates(target, 20);
    const result = await verificationWorkload(target, certificates, { durationMs: SECONDS * 1000, concurrency: CONCURRENCY, warmup: 2 });
    report('public verification', result);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.serverErrors).toBe(0);
    expect(result.errors).toEqual({});
  });

  it('takes hour-record batches from many institutions at once without a 5xx', async () => {
    institutions = await registerInstitutions(target, CONCURRENCY);
    const result = await hourPostingWorkload(target, institutions, { durationMs: SECONDS * 1000, concurrency: CONCURRENCY, batchSize: 25, warmup: 2 });
    report('hour posting', result);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.serverErrors).toBe(0);
    expect(result.errors).toEqual({});
  });

  it('takes bursts of need submissions from many units without a 5xx', async () => {
    needs = await prepareNeeds(target, { units: 12, experts: 3 });
    const result = await needBurstWorkload(target, needs, { durationMs: SECONDS * 1000, burstSize: 12, pauseMs: 1000, warmup: 2 });
    report('need bursts', result);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.serverErrors).toBe(0);
    expect(result.errors).toEqual({});
  });

  it('lost nothing: every accepted write stored exactly once, every lookup logged, every need matched', async () => {
    const lost = await verifyNothingLost(
      target,
      {
        certificates: { numbers: certificates.numbers, lookups: results['public verification']!.acceptedIds },
        hourRecords: { institutions: institutions.institutions.map((i) => i.id), ids: results['hour posting']!.acceptedIds },
        needs: { units: needs.units.map((u) => u.id), ids: results['need bursts']!.acceptedIds },
      },
      { timeoutMs: 60_000 },
    );
    console.log(`load nothing lost: ${JSON.stringify(lost)}`);
    expect(lost.problems).toEqual([]);
    expect(lost.hourRecords.found).toBe(results['hour posting']!.acceptedIds.length);
    expect(lost.needs.matched).toBe(results['need bursts']!.accepted);
  });
});
