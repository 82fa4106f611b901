import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../events/registry';
import { serviceSample } from '../../../events/service-completed';
import { creditService, withdrawServiceCredit } from '../../../functions/learning-hours/app/service-credit';
import { SERVICE_CREDIT_INSTITUTION, serviceRecordId } from '../../../functions/learning-hours/core/service-credit';
import { handler as creditExpertService } from '../../../functions/learning-hours/handlers/credit-expert-service';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { getRecord } from '../../../functions/learning-hours/store/records';
import { platformService } from '../../../functions/platform/service';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { documentClient } from '../../../shared/ddb/client';
import { useLocalAws } from '../../support/local-aws';

/*
 * Issue 13 item 10: the expert-service credit under concurrency, on DynamoDB Local — the yearly
 * cap (national and Gansu, the region of the sample need: 30 hours) is never exceeded by
 * completions arriving at once, and a withdrawal racing its completion, in either order or at
 * the same moment, never leaves an active credit. Each case runs many times: a race that is
 * lost only sometimes must still be lost never.
 */
type Handler = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<void>;
const CAP = 30;
const ITERATIONS = 12;
let table: string;

const deliver = (event: DomainEvent) =>
  (creditExpertService as Handler)(
    { version: '0', id: `eb-${event.id}`, 'detail-type': event.type, source: event.source, account: '0', time: event.time, region: 'us-east-1', resources: [], detail: event },
    lambdaContext('creditExpertService', 30),
  );

const learner = () => ({ ...serviceSample.learner, personId: `race-learner-${crypto.randomUUID()}` });
type Detail = typeof serviceSample;
const completed = (detail: Detail, id: string = crypto.randomUUID()): DomainEvent => ({ id: `done-${id}`, type: 'ServiceCompleted', source: 'tsp.expert-matching', time: '2026-04-12T10:00:00.000Z', detail });
const withdrawn = (detail: Detail, id: string = crypto.randomUUID()): DomainEvent => ({
  id: `withdrawn-${id}`,
  type: 'ServiceWithdrawn',
  source: 'tsp.expert-matching',
  time: '2026-04-20T10:00:00.000Z',
  detail: { ...detail, reason: '重复填报' },
});

/** The person-year's service credit records, read with a strongly consistent query of the platform's partition. */
async function creditsOf(personId: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        FilterExpression: 'personId = :person',
        ExpressionAttributeValues: { ':pk': `INST#${SERVICE_CREDIT_INSTITUTION.id}`, ':rec': 'REC#', ':person': personId },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items as { status: string; hours: number }[];
}

const activeHours = async (personId: string) => (await creditsOf(personId)).filter((r) => r.status === 'ACTIVE').reduce((sum, r) => sum + r.hours, 0);
const storedTotal = async (personId: string) =>
  (await documentClient().send(new GetCommand({ TableName: table, Key: { pk: `PERSON#${personId}`, sk: 'SERVICE-CREDIT#2026' }, ConsistentRead: true }))).Item?.creditedHours;

beforeAll(async () => {
  table = (await useLocalAws([platformService, learningHoursService])).tables['learning-hours']!;
});

describe('the yearly cap under concurrent completions', () => {
  it('never credits past the cap when completions whose hours add up to more arrive at once', { timeout: 300_000 }, async () => {
    for (let i = 0; i < ITERATIONS; i++) {
      const who = learner();
      // 6 services of 8 to 13 hours (63 in all) for one expert-year, delivered together.
      const services = Array.from({ length: 6 }, (_, n) => ({ ...serviceSample, needId: crypto.randomUUID(), expertId: `EXP-RACE-${n}`, hours: 8 + n, learner: who }));
      await Promise.all(services.map((detail) => deliver(completed(detail))));
      const active = await activeHours(who.personId);
      expect(active, `iteration ${i}`).toBe(CAP); // what is left is always credited, up to the cap and no further
      expect(await storedTotal(who.personId)).toBe(active);
    }
  });

  it('holds when the app function races itself, redeliveries included', { timeout: 300_000 }, async () => {
    for (let i = 0; i < ITERATIONS; i++) {
      const who = learner();
      const services = [16, 20, 12].map((hours, n) => ({ ...serviceSample, needId: crypto.randomUUID(), expertId: `EXP-SELF-${n}`, hours, ...who }));
      // Each service twice, all at once: the same credit written once, the cap kept.
      const outcomes = await Promise.all([...services, ...services].map((s) => creditService(s)));
      expect(outcomes.filter((o) => o === 'credited').length).toBeLessThanOrEqual(3);
      expect(await activeHours(who.personId)).toBe(CAP);
      expect(await storedTotal(who.personId)).toBe(CAP);
      expect((await creditsOf(who.personId)).length).toBe(outcomes.filter((o) => o === 'credited').length);
    }
  });

  it('frees the hours of a withdrawn credit for the next service', async () => {
    const who = learner();
    const [first, second] = [20, 16].map((hours, n) => ({ ...serviceSample, needId: crypto.randomUUID(), expertId: `EXP-FREE-${n}`, hours, learner: who }));
    await deliver(completed(first!));
    await deliver(withdrawn(first!));
    await deliver(completed(second!));
    expect(await activeHours(who.personId)).toBe(16);
    expect(await storedTotal(who.personId)).toBe(16);
  });
});

describe('a withdrawal racing its completion', () => {
  const stateOf = async (detail: Detail) => {
    const record = await getRecord(SERVICE_CREDIT_INSTITUTION.id, serviceRecordId(detail.needId, detail.expertId));
    return record && { status: record.status, hours: record.hours, reason: record.voided?.reason };
  };
  const story = () => ({ ...serviceSample, needId: crypto.randomUUID(), learner: learner() });

  it.each([
    ['completion first', async (d: Detail) => (await deliver(completed(d)), await deliver(withdrawn(d)))],
    ['withdrawal first', async (d: Detail) => (await deliver(withdrawn(d)), await deliver(completed(d)))],
    ['at the same moment', async (d: Detail) => void (await Promise.all([deliver(completed(d)), deliver(withdrawn(d))]))],
    ['at the same moment, each delivered three times', async (d: Detail) => void (await Promise.all([1, 2, 3].flatMap((n) => [deliver(completed(d, `${d.needId}-${n}`)), deliver(withdrawn(d, `${d.needId}-${n}`))])))],
  ])('%s: never an active credit after both, and the year keeps no hours for it', { timeout: 300_000 }, async (_order, run) => {
    for (let i = 0; i < ITERATIONS; i++) {
      const detail = story();
      await run(detail);
      expect(await stateOf(detail), `iteration ${i}`).toEqual({ status: 'VOIDED', hours: 16, reason: '重复填报' });
      expect(await activeHours(detail.learner.personId)).toBe(0);
      expect(await storedTotal(detail.learner.personId)).toBe(0);
    }
  });

  it('the app functions at once, many services: no active credit, whatever interleaving', { timeout: 300_000 }, async () => {
    const details = Array.from({ length: 40 }, story);
    await Promise.all(details.flatMap((d) => [creditService({ ...d, ...d.learner }), withdrawServiceCredit({ ...d, ...d.learner }, '重复填报')]));
    const states = await Promise.all(details.map(stateOf));
    expect(states.filter((s) => s?.status !== 'VOIDED')).toEqual([]);
    for (const d of details) expect(await storedTotal(d.learner.personId)).toBe(0);
  });

  it('a redelivered completion after the withdrawal changes nothing', async () => {
    const detail = story();
    const event = completed(detail);
    await deliver(event);
    await deliver(withdrawn(detail));
    await deliver(event);
    await deliver(completed(detail)); // the same service under a new event id
    expect(await creditService({ ...detail, ...detail.learner })).toBe('already-recorded');
    expect(await stateOf(detail)).toEqual({ status: 'VOIDED', hours: 16, reason: '重复填报' });
    expect(await storedTotal(detail.learner.personId)).toBe(0);
  });
});
