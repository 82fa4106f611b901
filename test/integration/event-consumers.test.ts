import type { Context, EventBridgeEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { annualRequirementSample } from '../../events/annual-requirement-met';
import type { DomainEvent } from '../../events/registry';
import { serviceSample } from '../../events/service-completed';
import { handler as continuingEducation } from '../../functions/certificates/handlers/continuing-education';
import { certificatesService } from '../../functions/certificates/service';
import { getCertificate } from '../../functions/certificates/store/certificates';
import { getClaim } from '../../functions/certificates/store/continuing-education';
import { certificateStatus } from '../../functions/certificates/core/status';
import { SERVICE_CREDIT_INSTITUTION, serviceRecordId } from '../../functions/learning-hours/core/service-credit';
import { handler as creditExpertService } from '../../functions/learning-hours/handlers/credit-expert-service';
import { learningHoursService } from '../../functions/learning-hours/service';
import { getRecord } from '../../functions/learning-hours/store/records';
import { platformService } from '../../functions/platform/service';
import { lambdaContext } from '../../infra/local/lambda-context';
import { useLocalAws } from '../support/local-aws';

type Handler = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<void>;

function deliver(handler: Handler, event: DomainEvent) {
  return handler({ version: '0', id: `eb-${event.id}`, 'detail-type': event.type, source: event.source, account: '0', time: event.time, region: 'us-east-1', resources: [], detail: event }, lambdaContext('consumer', 30));
}

/** Delivers in order once, and — to a copy of the same story — every event twice, out of order. */
async function bothWays(handler: Handler, story: (variant: string) => DomainEvent[], shuffle: (events: DomainEvent[]) => DomainEvent[]) {
  for (const event of story('ordered')) await deliver(handler, event);
  for (const event of shuffle(story('shuffled')).flatMap((e) => [e, e])) await deliver(handler, event);
}

beforeAll(async () => {
  await useLocalAws([platformService, certificatesService, learningHoursService]);
});

describe('the JX certificate consumer (certificates ← annual-requirement events)', () => {
  const requirementStory = (states: ('MET' | 'LAPSED')[]) => (variant: string) =>
    states.map((state, i): DomainEvent => {
      const type = i === 0 ? 'AnnualRequirementMet' : state === 'LAPSED' ? 'AnnualRequirementLapsed' : 'AnnualRequirementRestored';
      return {
        id: `${variant}-requirement-${states.join('-')}-${i}`.padEnd(16, '0'),
        type,
        source: 'tsp.learning-hours',
        time: '2026-11-02T10:00:00.000Z',
        detail: { ...annualRequirementSample, personId: `${variant}-${states.join('-')}-person-0123456789`, totalHours: 90 + i, version: i + 1 },
      };
    });

  async function endState(personId: string) {
    const claim = await getClaim(personId, 2026);
    const cert = claim && (await getCertificate(claim.number));
    return cert && { status: certificateStatus(cert), hours: cert.hours, type: cert.type, holderName: cert.holderName };
  }

  it.each([[['MET', 'LAPSED']], [['MET', 'LAPSED', 'MET']], [['MET', 'LAPSED', 'MET', 'LAPSED']]] as const)('ends the same whatever the order and repetition: %j', async (states) => {
    await bothWays(continuingEducation as Handler, requirementStory([...states]), (events) => [...events].reverse());
    const ordered = await endState(`ordered-${states.join('-')}-person-0123456789`);
    const shuffled = await endState(`shuffled-${states.join('-')}-person-0123456789`);
    expect(ordered).toEqual(shuffled);
    expect(ordered).toMatchObject({ type: 'JX', status: states.at(-1) === 'LAPSED' ? 'SUSPENDED' : 'VALID', hours: { total: 90 + states.length - 1 } });
  });
});

describe('the service-credit consumer (learning-hours ← ServiceCompleted / ServiceWithdrawn)', () => {
  const serviceStory = (withdrawn: boolean) => (variant: string) => {
    const detail = { ...serviceSample, needId: crypto.randomUUID(), learner: { ...serviceSample.learner, personId: `${variant}-learner-${crypto.randomUUID()}` } };
    const events: DomainEvent[] = [{ id: `${variant}-completed-${detail.needId}`, type: 'ServiceCompleted', source: 'tsp.expert-matching', time: '2026-04-12T10:00:00.000Z', detail }];
    if (withdrawn) events.push({ id: `${variant}-withdrawn-${detail.needId}`, type: 'ServiceWithdrawn', source: 'tsp.expert-matching', time: '2026-04-20T10:00:00.000Z', detail: { ...detail, reason: '重复填报' } });
    stories.push(detail);
    return events;
  };
  let stories: { needId: string; expertId: string }[] = [];
  const stateOf = async (s: { needId: string; expertId: string }) => {
    const r = await getRecord(SERVICE_CREDIT_INSTITUTION.id, serviceRecordId(s.needId, s.expertId));
    return r && { status: r.status, hours: r.hours, category: r.course.category, reason: r.voided?.reason };
  };

  it.each([false, true])('credits once and voids on withdrawal, whatever the order and repetition (withdrawn: %s)', async (withdrawn) => {
    stories = [];
    await bothWays(creditExpertService as Handler, serviceStory(withdrawn), (events) => [...events].reverse());
    const [ordered, shuffled] = await Promise.all(stories.map(stateOf));
    expect(ordered).toEqual(shuffled);
    expect(ordered).toEqual({ status: withdrawn ? 'VOIDED' : 'ACTIVE', hours: 16, category: 'PROFESSIONAL', reason: withdrawn ? '重复填报' : undefined });
  });
});

describe('the yearly cap on service credit', () => {
  it('credits a second service only up to what the cap of the region served leaves (national: 30 hours)', async () => {
    const learner = { ...serviceSample.learner, personId: `capped-learner-${crypto.randomUUID()}` };
    const services = [16, 20].map((hours) => ({ ...serviceSample, needId: crypto.randomUUID(), hours, learner }));
    for (const detail of services) await deliver(creditExpertService as Handler, { id: `cap-${detail.needId}`, type: 'ServiceCompleted', source: 'tsp.expert-matching', time: '2026-04-12T10:00:00.000Z', detail });
    const credited = await Promise.all(services.map((s) => getRecord(SERVICE_CREDIT_INSTITUTION.id, serviceRecordId(s.needId, s.expertId))));
    expect(credited.map((r) => r?.hours)).toEqual([16, 14]);
  });
});
