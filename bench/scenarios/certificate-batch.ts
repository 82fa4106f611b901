import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { buildCertificate, prepareIssue } from '../../functions/certificates/core/issuing';
import type { Certificate } from '../../functions/certificates/core/model';
import { issueRequest } from '../../functions/certificates/schemas';
import { holderPk } from '../../functions/certificates/store/keys';
import { personIdFor, piiHashKey } from '../../shared/pii/keyed-hash';
import { certificateRequest, expectStatus, ISSUER_LABEL, issuerToken } from '../fixtures/certificates';
import { DdbMeter } from '../harness/ddb-meter';
import { figureRow } from '../harness/figures';
import type { LoopSettings } from '../harness/timing';
import type { Scenario } from '../harness/types';

/** Certificates per request: the route's maximum. */
export const ITEMS = 500;
/** Items per TransactWriteItems, as functions/certificates/store/certificates.ts writes them. */
export const TRANSACTION_LIMIT = 100;
/** Partition-key prefix of the baseline's items, so they never collide with issued certificates (CERT#…). */
export const BASELINE_PREFIX = 'BENCH#';
const MEASURED_RUNS = 5;
const WARMUP_RUNS = 1;
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The item the route stores for a certificate (store/certificates.ts toItem) under the
 * baseline's own key: the same attributes and sizes but one byte more in pk ('BENCH#' for 'CERT#').
 */
export function baselineItem(cert: Certificate): Record<string, unknown> {
  return {
    pk: `${BASELINE_PREFIX}${cert.number}`,
    sk: '#CERT',
    entity: 'Certificate',
    ...cert,
    holderPk: holderPk(cert.personId),
    holderSk: `${cert.issueDate}#${cert.number}`,
  };
}

/** Consecutive slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A few sequential requests per side: each one is 500 certificates. Fewer when BENCH_ITERATIONS/BENCH_WARMUP are smaller. */
export function batchSettings(run: LoopSettings): LoopSettings {
  return { iterations: Math.min(MEASURED_RUNS, run.iterations), warmup: Math.min(WARMUP_RUNS, run.warmup), concurrency: 1 };
}

/**
 * POST /certificates:batch with 500 valid items (one serial allocation, five transactions of
 * 100, a signed QR token per certificate, no Idempotency-Key) against the same 500 items written
 * raw the way the route writes them: TransactWriteItems of 100, one after another, with the
 * same condition and a ClientRequestToken. The ratio is everything around the writes.
 */
export const certificateBatchScenario: Scenario = {
  name: 'certificate-batch',
  description: `POST /certificates:batch of ${ITEMS} vs the same ${ITEMS} items written raw with TransactWriteItems of ${TRANSACTION_LIMIT}`,
  async run(ctx) {
    const tableName = process.env.CERTIFICATES_TABLE;
    if (!tableName) throw new Error('CERTIFICATES_TABLE is not set: start the local runtime first');
    // 6 × 500 new certificates would each be rendered to PDF in this process, in the middle of the measurement.
    await ctx.stopStreamConsumers();
    const settings = batchSettings(ctx.settings);
    const token = await issuerToken();
    const body = JSON.stringify({ items: Array.from({ length: ITEMS }, certificateRequest) });

    // The baseline's items, built beforehand with the handler's own functions (validation,
    // keyed hash of the ID number, masking), so only the writes are timed.
    const parsed = issueRequest.parse(certificateRequest());
    const issue = prepareIssue(parsed, personIdFor(parsed.holder.idNumber, await piiHashKey()));
    let serial = 0;
    const prepared: Record<string, AttributeValue>[][] = Array.from({ length: settings.warmup + settings.iterations }, () =>
      Array.from({ length: ITEMS }, () => marshall(baselineItem(buildCertificate(issue, ++serial, ISSUER_LABEL)), { removeUndefinedValues: true })),
    );

    // Its own meter, so the baseline's calls and units can be reported per certificate too.
    const baselineMeter = new DdbMeter();
    const raw = baselineMeter.instrument(new DynamoDBClient({}));
    let nextBatch = 0;
    let written = 0;
    try {
      const detail = await ctx.compareInDetail({
        settings,
        baseline: {
          name: `TransactWriteItems x${ITEMS / TRANSACTION_LIMIT} of ${TRANSACTION_LIMIT} (raw SDK)`,
          async run() {
            const items = prepared[nextBatch++];
            if (!items) throw new Error('more baseline runs than prepared batches');
            for (const chunk of chunks(items, TRANSACTION_LIMIT)) {
              await raw.send(
                new TransactWriteItemsCommand({
                  ClientRequestToken: randomUUID(),
                  TransactItems: chunk.map((Item) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
                }),
                { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
              );
            }
            written += items.length;
          },
        },
        operation: {
          name: `POST /certificates:batch (${ITEMS} items)`,
          async run() {
            const response = await fetch(new URL('/certificates:batch', ctx.url), {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body,
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            const { summary } = JSON.parse(await expectStatus(response, 200, 'POST /certificates:batch')) as { summary: { created: number } };
            if (summary.created !== ITEMS) throw new Error(`POST /certificates:batch created ${summary.created} of ${ITEMS}: ${JSON.stringify(summary)}`);
          },
        },
      });

      const base = baselineMeter.snapshot();
      const baseUnitsKnown = base.reported === base.eligible;
      const perCertificate = (perRequest: number | null) => (perRequest === null ? null : perRequest / ITEMS);
      const scenario = 'certificate-batch';
      const operation = detail.row.operation;
      const baseline = detail.row.baseline;
      // DynamoDB charges every item of a transaction (2 units per KB, plus index writes): fewer
      // units than items per call means the emulator did not, and the figure understates it.
      const unitsPerTransaction = baseUnitsKnown && base.calls ? base.writeUnits / base.calls : null;
      const underReported = unitsPerTransaction !== null && unitsPerTransaction < TRANSACTION_LIMIT;
      const wcuNote = underReported
        ? `UNDERSTATED: DynamoDB Local returned ${unitsPerTransaction} WCU per TransactWriteItems of ${TRANSACTION_LIMIT} items, i.e. it does not charge per item; not a cost figure`
        : 'ConsumedCapacity as DynamoDB Local returned it';
      if (underReported) {
        ctx.note(
          `WCU of TransactWriteItems are not usable: DynamoDB Local returned ${unitsPerTransaction} WCU per call of ${TRANSACTION_LIMIT} items, fewer than one per item, where DynamoDB charges 2 WCU per item and KB plus index writes. The batch row's WCU/op and the WCU-per-certificate figures show what it returned, not what AWS would bill.`,
        );
      }
      ctx.note(
        `${settings.iterations} measured + ${settings.warmup} warm-up request(s) of ${ITEMS} per side, one at a time (concurrency 1), alternating; latency columns are per request of ${ITEMS}, the figures below per certificate. The baseline writes the route's items under ${BASELINE_PREFIX}… keys.`,
      );
      return [
        detail.row,
        figureRow({
          scenario,
          figure: 'certificates per second',
          operation,
          value: detail.operation.throughput * ITEMS,
          unit: 'cert/s',
          baseline: { name: baseline, value: detail.baseline.throughput * ITEMS },
        }),
        figureRow({
          scenario,
          figure: 'ddb calls per certificate',
          operation,
          value: detail.ddb.ddbCallsPerOp / ITEMS,
          unit: 'calls',
          baseline: { name: baseline, value: written ? base.calls / written : null },
          note: `per request: ${detail.ddb.ddbCallsPerOp} (serial allocation + transactions) vs ${written ? (base.calls * ITEMS) / written : 'n/a'}`,
        }),
        figureRow({
          scenario,
          figure: 'WCU per certificate',
          operation,
          value: perCertificate(detail.ddb.writeUnitsPerOp),
          unit: 'WCU',
          baseline: { name: baseline, value: baseUnitsKnown && written ? base.writeUnits / written : null },
          note: wcuNote,
        }),
      ];
    } finally {
      raw.destroy();
    }
  },
};
