import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { personYearKey } from '../../functions/learning-hours/store/records';
import { learningHoursTable } from '../../functions/learning-hours/table';
import { issueLocalToken } from '../../infra/local/tokens';
import { personIdFor, piiHashKey } from '../../shared/pii/keyed-hash';
import { expectStatus } from '../fixtures/certificates';
import { DdbMeter } from '../harness/ddb-meter';
import { figureRow } from '../harness/figures';
import type { Scenario } from '../harness/types';
import { hourRecordRequest, registerInstitution, traineeIdNumber, TRAINEE_NAME } from './hours-posting';

/** A request that hangs must fail the run, not stall it. */
const REQUEST_TIMEOUT_MS = 10_000;
const INSTITUTION = 'BENCH-HOURS-LOOKUP';
/** About a compliant year of courses for one person. */
const RECORDS = 20;
const YEAR = 2025;
/** Born on another day than hours-posting's trainees, so this person-year holds only the seeded records. */
const PERSON = traineeIdNumber(0, '19900615');

/**
 * POST /learning-hours/lookup over HTTP (gateway, JWT, keyed hash of the ID number, one Query
 * on byPersonYear, the compliance rules, the view) against that Query alone, sent raw, for a
 * person with 20 records in the year.
 */
export const hoursLookupScenario: Scenario = {
  name: 'hours-lookup',
  description: `POST /learning-hours/lookup over HTTP vs a raw Query of the same byPersonYear partition (${RECORDS} records)`,
  async run(ctx) {
    const tableName = process.env[learningHoursTable.envVar];
    if (!tableName) throw new Error(`${learningHoursTable.envVar} is not set: start the local runtime first`);
    // The seeded records would be re-judged by the requirement tracker in this process, during the measurement.
    await ctx.stopStreamConsumers();

    // Setup: the institution posts the person's year through the API.
    const seed = Array.from({ length: RECORDS }, (_, n) => hourRecordRequest(`L${String(n).padStart(3, '0')}`, PERSON, n));
    const expectedHours = seed.reduce((sum, r) => sum + r.hours, 0);
    const posted = await fetch(new URL(`/institutions/${INSTITUTION}/hour-records`, ctx.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await registerInstitution(ctx.url, INSTITUTION)}` },
      body: JSON.stringify({ records: seed }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const { summary } = JSON.parse(await expectStatus(posted, 200, 'POST /institutions/{id}/hour-records')) as { summary: { created: number } };
    if (summary.created !== RECORDS) throw new Error(`seeding created ${summary.created} of ${RECORDS} records`);

    const admin = await issueLocalToken({ group: 'admin' });
    const lookupBody = JSON.stringify({ idNumber: PERSON, name: TRAINEE_NAME, year: YEAR });
    const personYear = personYearKey(personIdFor(PERSON, await piiHashKey()), YEAR);
    // Its own meter, so the baseline's calls and read units can be reported per lookup too.
    const baselineMeter = new DdbMeter();
    const raw = baselineMeter.instrument(new DynamoDBClient({}));
    try {
      const detail = await ctx.compareInDetail({
        baseline: {
          name: 'Query byPersonYear (raw SDK)',
          async run() {
            // Eventually consistent, like the route's read (a GSI offers nothing else).
            const { Items } = await raw.send(
              new QueryCommand({
                TableName: tableName,
                IndexName: 'byPersonYear',
                KeyConditionExpression: 'personYear = :py',
                ExpressionAttributeValues: { ':py': { S: personYear } },
              }),
              { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
            );
            if (Items?.length !== RECORDS) throw new Error(`Query found ${Items?.length} of ${RECORDS} records`);
          },
        },
        operation: {
          name: 'POST /learning-hours/lookup',
          async run() {
            const response = await fetch(new URL('/learning-hours/lookup', ctx.url), {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
              body: lookupBody,
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
            const body = JSON.parse(await expectStatus(response, 200, 'POST /learning-hours/lookup')) as { totalHours?: number; records?: unknown[] };
            if (body.records?.length !== RECORDS || body.totalHours !== expectedHours) {
              throw new Error(`POST /learning-hours/lookup answered ${body.records?.length} records and ${body.totalHours} hours, expected ${RECORDS} and ${expectedHours}`);
            }
          },
        },
      });

      if (detail.ddb.ddbCallsPerOp !== 1) ctx.note(`WARNING: the lookup made ${detail.ddb.ddbCallsPerOp} DynamoDB calls per request, not the one Query DESIGN §4 asks for.`);
      const base = baselineMeter.snapshot();
      const queries = detail.settings.warmup + detail.settings.iterations;
      const operation = detail.row.operation;
      const baseline = detail.row.baseline;
      return [
        detail.row,
        figureRow({ scenario: 'hours-lookup', figure: 'ddb calls per lookup', operation, value: detail.ddb.ddbCallsPerOp, unit: 'calls', baseline: { name: baseline, value: base.calls / queries } }),
        figureRow({
          scenario: 'hours-lookup',
          figure: 'RCU per lookup',
          operation,
          value: detail.ddb.readUnitsPerOp,
          unit: 'RCU',
          baseline: { name: baseline, value: base.reported === base.eligible ? base.readUnits / queries : null },
          note: `ConsumedCapacity as DynamoDB Local returned it, for ${RECORDS} records in the partition`,
        }),
      ];
    } finally {
      raw.destroy();
    }
  },
};
