import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { certificateKey, VERIFY_PREFIX } from '../../functions/certificates/store/keys';
import { certificateRequest, expectStatus, HOLDER_NAME, issuerToken } from '../fixtures/certificates';
import type { CallInfo } from '../harness/ddb-meter';
import { figureRow } from '../harness/figures';
import type { Scenario } from '../harness/types';

/** A request that hangs must fail the run, not stall it. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Certificates issued in setup; lookups go round them. */
const CERTIFICATES = 3;
/** How long the background work (PDF rendering, the verification log) may take to settle. */
const SETTLE_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An attribute as the document client passes it (plain) or as the low-level client does ({ S }). */
function stringAttribute(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const s = (value as { S?: unknown } | undefined)?.S;
  return typeof s === 'string' ? s : undefined;
}

/**
 * The log subscription's writes (functions/certificates/store/verifications.ts): a
 * BatchWriteItem whose every request puts a verification record (sort key VERIFY#…).
 * The lookup itself only logs an audit line; these writes happen later, off its path.
 */
export function isVerificationLogWrite({ commandName, input }: CallInfo): boolean {
  if (commandName !== 'BatchWriteItemCommand') return false;
  const requests = Object.values((input as { RequestItems?: Record<string, unknown[]> } | undefined)?.RequestItems ?? {}).flat();
  return (
    requests.length > 0 &&
    requests.every((request) => stringAttribute((request as { PutRequest?: { Item?: { sk?: unknown } } }).PutRequest?.Item?.sk)?.startsWith(VERIFY_PREFIX) === true)
  );
}

/** Verification records stored for these certificates (read with an unmetered client). */
async function countVerificationRecords(client: DynamoDBClient, tableName: string, numbers: readonly string[]): Promise<number> {
  let count = 0;
  for (const number of numbers) {
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: certificateKey(number).pk }, ':prefix': { S: VERIFY_PREFIX } },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
  }
  return count;
}

/**
 * GET /public/certificates/{number}?name=… over real loopback HTTP against the one DynamoDB call
 * it needs to find the certificate: the same eventually consistent GetItem, sent raw. The route
 * also charges the caller's lookup budget (one UpdateItem, counted in its row). It logs an audit line
 * that the log subscription stores in the background; those writes are kept out of the lookup's
 * row and reported as their own figures.
 */
export const certificateVerifyScenario: Scenario = {
  name: 'certificate-verify',
  description: 'GET /public/certificates/{number}?name= over HTTP vs a raw GetItem of the same certificate',
  async run(ctx) {
    const tableName = process.env.CERTIFICATES_TABLE;
    if (!tableName) throw new Error('CERTIFICATES_TABLE is not set: start the local runtime first');
    const api = (path: string) => new URL(path, ctx.url).href;
    const token = await issuerToken();

    // Setup: issue a few certificates through the API, as an issuer would.
    const numbers: string[] = [];
    for (let i = 0; i < CERTIFICATES; i++) {
      const response = await fetch(api('/certificates'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(certificateRequest()),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      numbers.push((JSON.parse(await expectStatus(response, 201, 'POST /certificates')) as { number: string }).number);
    }
    // Each new certificate is rendered to PDF by a stream consumer running in this process:
    // wait for those renders, or they would share the CPU with the first measured lookups.
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (const number of numbers) {
      for (;;) {
        const response = await fetch(api(`/certificates/${number}/document`), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        const body = await response.text();
        if (response.status === 200) break;
        if (response.status !== 409) throw new Error(`GET /certificates/${number}/document answered ${response.status}: ${body.slice(0, 200)}`);
        if (Date.now() > deadline) {
          throw new Error(`The PDF of ${number} was not rendered within ${SETTLE_TIMEOUT_MS / 1000} s (certificate-batch stops the stream consumers for the rest of a run: run it after this scenario)`);
        }
        await sleep(POLL_MS);
      }
    }

    // Same metering middleware as the handlers' client, so both sides ask for ConsumedCapacity alike.
    const raw = ctx.meter.instrument(new DynamoDBClient({}));
    // Not metered: only counts the stored verification records.
    const plain = new DynamoDBClient({});
    // Every verification-log write from here on, whichever window it falls in.
    const logWrites = ctx.meter.track(isVerificationLogWrite);
    try {
      const recordsBefore = await countVerificationRecords(plain, tableName, numbers);
      let nextLookup = 0;
      let nextGet = 0;
      const query = `?name=${encodeURIComponent(HOLDER_NAME)}`;
      const detail = await ctx.compareInDetail({
        excludeCalls: isVerificationLogWrite,
        baseline: {
          name: 'GetItem (raw SDK)',
          async run() {
            const key = certificateKey(numbers[nextGet++ % numbers.length]!);
            // Eventually consistent, like the route's read.
            const { Item } = await raw.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } } }), {
              abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            if (!Item) throw new Error(`GetItem found no ${key.pk}`);
          },
        },
        operation: {
          name: 'GET /public/certificates/{number}?name=',
          async run() {
            const number = numbers[nextLookup++ % numbers.length]!;
            const response = await fetch(api(`/public/certificates/${number}${query}`), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
            const body = JSON.parse(await expectStatus(response, 200, `GET /public/certificates/${number}`)) as { number?: string; status?: string };
            if (body.number !== number || body.status !== 'VALID') throw new Error(`GET /public/certificates/${number} answered ${JSON.stringify(body).slice(0, 200)}`);
          },
        },
      });

      // Every lookup (warm-up included) logged one audit line; wait until all are stored, then
      // a little longer so the last write's ConsumedCapacity has reached the meter.
      const lookups = detail.settings.warmup + detail.settings.iterations;
      const expected = recordsBefore + lookups;
      const settleBy = Date.now() + SETTLE_TIMEOUT_MS;
      let stored = await countVerificationRecords(plain, tableName, numbers);
      while (stored < expected && Date.now() < settleBy) {
        await sleep(POLL_MS);
        stored = await countVerificationRecords(plain, tableName, numbers);
      }
      await sleep(2 * POLL_MS);
      const written = logWrites.snapshot();
      const recorded = stored - recordsBefore;
      const complete = recorded === lookups;

      // The GetItem of the certificate and the UpdateItem charging the caller's lookup budget (shared/rate-limit).
      if (detail.ddb.ddbCallsPerOp !== 2) {
        ctx.note(
          `WARNING: the lookup made ${detail.ddb.ddbCallsPerOp} DynamoDB calls per request in its measured window, not 2 (GetItem + the budget's UpdateItem; verification-log writes already left out).`,
        );
      }
      ctx.note(
        `the lookup's ddb calls/op leave out ${detail.excluded.calls} verification-log BatchWriteItem call(s) (${detail.excluded.writeUnits} WCU) that the log subscription made inside its measured windows; they are stored in the background, not on the lookup's path, and reported as 'verification log write (async)'.`,
      );
      const asyncNote = complete
        ? `${written.calls} BatchWriteItem calls stored ${recorded} records for ${lookups} lookups (warm-up incl.); lines are batched per 200 ms flush, at most 25 per call`
        : `only ${recorded} of ${lookups} verification records were stored within ${SETTLE_TIMEOUT_MS / 1000} s; figures divide what was written by ${lookups} lookups`;
      const perLookup = (total: number) => total / lookups;
      const unitsKnown = written.reported === written.eligible;
      return [
        detail.row,
        figureRow({
          scenario: 'certificate-verify',
          figure: 'ddb calls per lookup',
          operation: 'verification log write (async)',
          value: perLookup(written.calls),
          unit: 'calls',
          note: asyncNote,
        }),
        figureRow({
          scenario: 'certificate-verify',
          figure: 'WCU per lookup',
          operation: 'verification log write (async)',
          value: unitsKnown ? perLookup(written.writeUnits) : null,
          unit: 'WCU',
          note: unitsKnown ? 'ConsumedCapacity as DynamoDB Local returned it' : 'DynamoDB Local returned no ConsumedCapacity for some writes',
        }),
      ];
    } finally {
      logWrites.stop();
      raw.destroy();
      plain.destroy();
    }
  },
};
