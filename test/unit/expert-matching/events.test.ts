import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { EVENT_CONTRACTS } from '../../../events';
import type { EventContract } from '../../../events/envelope';
import { matchProposed, matchProposedContract } from '../../../events/match-proposed';
import { needConfirmed, needConfirmedContract } from '../../../events/need-confirmed';
import { needSubmitted, needSubmittedContract } from '../../../events/need-submitted';
import { serviceCompleted, serviceCompletedContract } from '../../../events/service-completed';
import { serviceWithdrawn } from '../../../events/service-withdrawn';
import { expertMatchingEventsFrom, type ExpertMatchingEvent } from '../../../functions/expert-matching/core/events';
import type { ProposalRecord, ServiceRecord, StoredExpert, StoredNeed } from '../../../functions/expert-matching/core/need-state';
import { NO_HISTORY } from '../../../functions/expert-matching/core/reliability';
import { expertGroupItem, expertKey, needItem, proposalItem, serviceKey } from '../../../functions/expert-matching/store/items';
import { streamChangeOf } from '../../../shared/events/publish';

/*
 * The domain events of expert matching, derived from its table stream exactly as the publisher
 * sees it: items built by the store's own item functions, marshalled into stream records,
 * read back with streamChangeOf. Only a need's INSERT and its turn to CONFIRMED, a proposal's
 * INSERT and a service record's INSERT (and withdrawal) mean something outside the service.
 */

const NEED_ID = '2bd1112d-c90d-4172-89b1-8d4287b0ca76';
const STREAM_ARN = 'arn:aws:dynamodb:cn-northwest-1:123456789012:table/tsp-prod-expert-matching/stream/2026-03-01T00:00:00.000';
const PERSON_ID = 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E';

const submitted: StoredNeed = {
  id: NEED_ID,
  title: '设施蔬菜病虫害绿色防控',
  description: '合作社日光温室番茄连年发生灰霉病，希望专家现场指导绿色防控。',
  fields: ['21040', '21060'],
  keywords: ['设施蔬菜', '灰霉病'],
  region: '620100',
  serviceForm: 'TECH_GUIDANCE',
  expertsWanted: 2,
  window: { from: '2026-03-01', to: '2026-06-30' },
  unitId: 'GS-COOP-01',
  status: 'SUBMITTED',
  submittedAt: '2026-03-01T00:00:00.000Z',
  submittedBy: 'unit:GS-COOP-01',
  acceptedCount: 0,
  acceptedExperts: [],
};
const proposed: StoredNeed = { ...submitted, status: 'PROPOSED', matchedAt: '2026-03-01T00:00:02.000Z' };
const halfAccepted: StoredNeed = { ...proposed, acceptedCount: 1, acceptedExperts: ['EXP-GREENHOUSE'] };
const confirmed: StoredNeed = { ...halfAccepted, status: 'CONFIRMED', acceptedCount: 2, acceptedExperts: ['EXP-GREENHOUSE', 'EXP-ORCHARD'], confirmedAt: '2026-03-03T09:00:00.000Z' };

const proposal: ProposalRecord = {
  needId: NEED_ID,
  expertId: 'EXP-GREENHOUSE',
  status: 'PROPOSED',
  score: 81.5,
  reasons: ['fields +30: same discipline: 园艺学', 'region +10: east→west collaboration (东西部协作): 江苏 → 甘肃'],
  factors: [{ factor: 'FIELDS', points: 30, detail: 'same discipline: 园艺学' }],
  proposedAt: '2026-03-01T00:00:02.000Z',
  proposedBy: 'matching',
};

const service: ServiceRecord = {
  needId: NEED_ID,
  expertId: 'EXP-GREENHOUSE',
  hours: 16,
  form: 'TECH_GUIDANCE',
  date: '2026-04-12',
  summary: '现场指导温室通风降湿与生物农药轮换使用。',
  recordedAt: '2026-04-12T10:00:00.000Z',
  needRegion: '620100',
};
const learner = { personId: PERSON_ID, holderName: '王五', idNumberMasked: '3201**********1234' };

const expert: StoredExpert = {
  id: 'EXP-GREENHOUSE',
  name: '王五',
  fields: ['21040', '21060'],
  keywords: ['设施蔬菜'],
  region: '320100',
  categories: ['SPECIAL_ALLOWANCE'],
  titleLevel: 'SENIOR',
  serviceForms: ['TECH_GUIDANCE'],
  capacity: 2,
  load: 0,
  availableFrom: '2026-01-01',
  availableTo: '2026-12-31',
  status: 'ACTIVE',
  reliability: NO_HISTORY,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  personId: PERSON_ID,
  idNumberMasked: '3201**********1234',
};

// Items exactly as the store writes them.
const serviceItem = (s: ServiceRecord) => ({ ...serviceKey(s.needId, s.expertId), entity: 'Service', ...s });
const expertItem = (e: StoredExpert) => ({ ...expertKey(e.id), entity: 'Expert', ...e });
const statsItem = (needsMatched: number) => ({ pk: 'STATS#620000', sk: 'YEAR#2026', needsReceived: 3, needsMatched });
const engagementItem = { pk: 'STATS#620000#2026', sk: 'EXPERT#EXP-GREENHOUSE', entity: 'Engagement' };
const feedbackItem = { pk: `NEED#${NEED_ID}`, sk: 'FEEDBACK', entity: 'Feedback', needId: NEED_ID, rating: 5, comment: '指导很及时', givenBy: 'unit:GS-COOP-01', givenAt: '2026-04-20T00:00:00.000Z' };

type Item = Record<string, unknown>;
let sequence = 4_000_000;

/** A stream record of the table as Lambda receives it (NEW_AND_OLD_IMAGES). */
function streamRecord(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { newItem?: Item; oldItem?: Item }, sequenceNumber = String(++sequence)): DynamoDBRecord {
  const image = (item?: Item) => (item ? (marshall(item, { removeUndefinedValues: true }) as never) : undefined);
  const keys = images.newItem ?? images.oldItem!;
  return {
    eventID: `e-${sequenceNumber}`,
    eventName,
    eventSource: 'aws:dynamodb',
    eventSourceARN: STREAM_ARN,
    awsRegion: 'cn-northwest-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_772_323_200,
      Keys: marshall({ pk: keys.pk, sk: keys.sk }) as never,
      NewImage: image(images.newItem),
      OldImage: image(images.oldItem),
      SequenceNumber: sequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

const eventsOf = (record: DynamoDBRecord) => expertMatchingEventsFrom(streamChangeOf(record));
const inserted = (newItem: Item) => eventsOf(streamRecord('INSERT', { newItem }));
const modified = (oldItem: Item, newItem: Item) => eventsOf(streamRecord('MODIFY', { oldItem, newItem }));

const schemaOf = (type: string) => EVENT_CONTRACTS.find((c) => c.type === type)!.schema;
const valid = (event: ExpertMatchingEvent) => schemaOf(event.type).safeParse(event).success;

describe('expert-matching event contracts', () => {
  const contracts: [EventContract, string[]][] = [
    [needSubmittedContract, []],
    [matchProposedContract, []],
    [needConfirmedContract, []],
    [serviceCompletedContract, ['learning-hours']],
  ];

  it.each(contracts.map(([c, consumers]) => [c.type, c, consumers] as const))('%s: produced by expert-matching, registered, its sample valid', (type, contract, consumers) => {
    expect(contract.producer).toBe('expert-matching');
    expect(contract.consumers.map((c) => c.split(' ')[0])).toEqual(consumers);
    expect(EVENT_CONTRACTS.filter((c) => c.type === type)).toEqual([contract]);
    expect(contract.schema.safeParse(contract.sample).success).toBe(true);
    expect(contract.sample).toMatchObject({ type, source: 'tsp.expert-matching' });
  });

  it('rejects malformed envelopes of every sample', () => {
    for (const [contract] of contracts) {
      const sample = contract.sample as { id: string; detail: Item };
      const { detail } = sample;
      for (const bad of [
        { ...sample, id: 'short' },
        { ...sample, source: 'expert-matching' },
        { ...sample, time: '2026-03-01' },
        { ...sample, type: 'NeedWithdrawn' },
        { ...sample, detail: { ...detail, extra: 1 } },
        { ...sample, detail: { ...detail, needId: 'N-1' } },
        { ...sample, extra: true },
      ]) {
        expect(contract.schema.safeParse(bad).success, `${contract.type} ${JSON.stringify(bad).slice(0, 80)}`).toBe(false);
      }
    }
  });

  it('a ServiceCompleted learner carries the keyed hash and a masked ID number, never the ID number', () => {
    const sample = serviceCompletedContract.sample;
    expect(serviceCompleted.safeParse({ ...sample, detail: { ...sample.detail, learner: { ...learner, idNumberMasked: '320102198001011234' } } }).success).toBe(false);
    expect(serviceCompleted.safeParse({ ...sample, detail: { ...sample.detail, learner: { ...learner, personId: 'short' } } }).success).toBe(false);
    const { learner: _l, ...unlinked } = sample.detail;
    expect(serviceCompleted.safeParse({ ...sample, detail: unlinked }).success).toBe(true);
  });
});

describe('expert-matching events from the table stream', () => {
  it('a stored need is NeedSubmitted, with what matching was asked for', () => {
    const events = inserted(needItem(submitted));
    expect(events).toHaveLength(1);
    const [event] = events as [ExpertMatchingEvent];
    expect(needSubmitted.parse(event)).toEqual({
      id: expect.any(String),
      type: 'NeedSubmitted',
      source: 'tsp.expert-matching',
      time: '2026-03-01T00:00:00.000Z',
      detail: { needId: NEED_ID, unitId: 'GS-COOP-01', region: '620100', fields: ['21040', '21060'], serviceForm: 'TECH_GUIDANCE', expertsWanted: 2, window: { from: '2026-03-01', to: '2026-06-30' } },
    });
  });

  it('each new proposal is MatchProposed, whatever proposed it', () => {
    for (const proposedBy of ['matching', 'decline', 'round'] as const) {
      const [event] = inserted(proposalItem({ ...proposal, proposedBy })) as [ExpertMatchingEvent];
      expect(matchProposed.parse(event).detail).toEqual({ needId: NEED_ID, expertId: 'EXP-GREENHOUSE', score: 81.5, proposedBy });
    }
  });

  it('a need turning CONFIRMED is NeedConfirmed, naming the experts in the order they accepted', () => {
    const [event] = modified(needItem(halfAccepted), needItem(confirmed)) as [ExpertMatchingEvent];
    expect(needConfirmed.parse(event).detail).toEqual({ needId: NEED_ID, unitId: 'GS-COOP-01', region: '620100', expertIds: ['EXP-GREENHOUSE', 'EXP-ORCHARD'] });
  });

  it('a filed service record is ServiceCompleted with the hours, form, date and the region of the need', () => {
    const [event] = inserted(serviceItem(service)) as [ExpertMatchingEvent];
    const parsed = serviceCompleted.parse(event);
    expect(parsed.detail).toEqual({ needId: NEED_ID, expertId: 'EXP-GREENHOUSE', hours: 16, form: 'TECH_GUIDANCE', date: '2026-04-12', region: '620100' });
    expect(parsed.detail).not.toHaveProperty('summary');
  });

  it('ServiceCompleted names the learner only when the expert linked their identity', () => {
    const [event] = inserted(serviceItem({ ...service, learner })) as [ExpertMatchingEvent];
    expect(serviceCompleted.parse(event).detail.learner).toEqual(learner);
    expect(JSON.stringify(event)).not.toMatch(/\d{17}[\dX]/);
  });

  it('a withdrawal of a filed record is ServiceWithdrawn, once', () => {
    const withdrawn = { ...service, learner, withdrawn: { at: '2026-04-20T10:00:00.000Z', by: 'admin:ops', reason: '服务记录重复填报' } };
    const [event] = modified(serviceItem({ ...service, learner }), serviceItem(withdrawn)) as [ExpertMatchingEvent];
    expect(serviceWithdrawn.parse(event).detail).toMatchObject({ reason: '服务记录重复填报', learner, hours: 16 });
    expect(modified(serviceItem(withdrawn), serviceItem(withdrawn))).toEqual([]);
  });

  it('every derived event is valid against its contract', () => {
    const events = [
      ...inserted(needItem(submitted)),
      ...inserted(proposalItem(proposal)),
      ...modified(needItem(halfAccepted), needItem(confirmed)),
      ...inserted(serviceItem(service)),
      ...inserted(serviceItem({ ...service, learner, hours: 7.5 })),
    ];
    expect(events.map((e) => e.type)).toEqual(['NeedSubmitted', 'MatchProposed', 'NeedConfirmed', 'ServiceCompleted', 'ServiceCompleted']);
    for (const event of events) expect(schemaOf(event.type).parse(event)).toEqual(event);
  });

  describe('says nothing for changes that mean nothing outside', () => {
    const profile = expertItem(expert);
    const loaded = expertItem({ ...expert, load: 1, version: 2 });
    const cases: [string, DynamoDBRecord][] = [
      ['a new expert profile', streamRecord('INSERT', { newItem: profile })],
      ['an expert profile changing load', streamRecord('MODIFY', { oldItem: profile, newItem: loaded })],
      ['a discipline copy written', streamRecord('INSERT', { newItem: expertGroupItem(expert, '210') })],
      ['a discipline copy updated', streamRecord('MODIFY', { oldItem: expertGroupItem(expert, '210'), newItem: expertGroupItem({ ...expert, load: 1 }, '210') })],
      ['a discipline copy deleted', streamRecord('REMOVE', { oldItem: expertGroupItem(expert, '210') })],
      ['a counter created', streamRecord('INSERT', { newItem: statsItem(0) })],
      ['a counter moved', streamRecord('MODIFY', { oldItem: statsItem(0), newItem: statsItem(1) })],
      ['an engagement marker', streamRecord('INSERT', { newItem: engagementItem })],
      ['feedback', streamRecord('INSERT', { newItem: feedbackItem })],
      ['a need matched', streamRecord('MODIFY', { oldItem: needItem(submitted), newItem: needItem(proposed) })],
      ['a need with no match', streamRecord('MODIFY', { oldItem: needItem(submitted), newItem: needItem({ ...submitted, status: 'NO_MATCH' }) })],
      ['a need accepted by fewer than wanted', streamRecord('MODIFY', { oldItem: needItem(proposed), newItem: needItem(halfAccepted) })],
      ['a confirmed need rewritten', streamRecord('MODIFY', { oldItem: needItem(confirmed), newItem: needItem({ ...confirmed, title: '改' }) })],
      ['a need completed', streamRecord('MODIFY', { oldItem: needItem(confirmed), newItem: needItem({ ...confirmed, status: 'COMPLETED' }) })],
      ['a need deleted', streamRecord('REMOVE', { oldItem: needItem(confirmed) })],
      ['a proposal accepted', streamRecord('MODIFY', { oldItem: proposalItem(proposal), newItem: proposalItem({ ...proposal, status: 'ACCEPTED' }) })],
      ['a proposal declined', streamRecord('MODIFY', { oldItem: proposalItem(proposal), newItem: proposalItem({ ...proposal, status: 'DECLINED', declineReason: '档期冲突' }) })],
      ['a service record rewritten unchanged', streamRecord('MODIFY', { oldItem: serviceItem(service), newItem: serviceItem(service) })],
      ['a service record deleted', streamRecord('REMOVE', { oldItem: serviceItem(service) })],
    ];
    it.each(cases)('%s', (_what, record) => {
      expect(eventsOf(record)).toEqual([]);
    });
  });

  it('gives the same ids when a stream record is delivered again, and distinct ids otherwise', () => {
    const record = streamRecord('INSERT', { newItem: needItem(submitted) });
    const first = eventsOf(record);
    expect(eventsOf(record)).toEqual(first);
    expect(eventsOf(structuredClone(record))).toEqual(first);
    const [event] = first as [ExpertMatchingEvent];
    expect(event.id).toMatch(/^[\w-]{32}$/);

    // Another stream record of the same item (a later sequence number, or another table's stream) is another event.
    const again = eventsOf(streamRecord('INSERT', { newItem: needItem(submitted) }))[0]!;
    expect(again.id).not.toBe(event.id);
    const elsewhere = eventsOf({ ...record, eventSourceARN: `${STREAM_ARN}x` })[0]!;
    expect(elsewhere.id).not.toBe(event.id);

    // Events of different types never share an id, even from records with the same sequence number.
    const ids = [
      event.id,
      eventsOf(streamRecord('INSERT', { newItem: proposalItem(proposal) }, record.dynamodb!.SequenceNumber))[0]!.id,
      eventsOf(streamRecord('MODIFY', { oldItem: needItem(halfAccepted), newItem: needItem(confirmed) }, record.dynamodb!.SequenceNumber))[0]!.id,
      eventsOf(streamRecord('INSERT', { newItem: serviceItem(service) }, record.dynamodb!.SequenceNumber))[0]!.id,
    ];
    expect(new Set(ids).size).toBe(4);
  });

  describe('a drifted or corrupt item yields an event its contract rejects (the publisher fails loudly)', () => {
    const cases: [string, ExpertMatchingEvent[]][] = [
      ['need id not a UUID', inserted(needItem({ ...submitted, id: 'N-1' }))],
      ['need region not a division code', inserted(needItem({ ...submitted, region: '62' }))],
      ['need without fields', inserted(needItem({ ...submitted, fields: [] }))],
      ['need wanting 6 experts', inserted(needItem({ ...submitted, expertsWanted: 6 }))],
      ['need window not dates', inserted(needItem({ ...submitted, window: { from: '2026/03/01', to: '2026-06-30' } }))],
      ['proposal by an unknown path', inserted({ ...proposalItem(proposal), proposedBy: 'manual' })],
      ['proposal without a score', inserted({ ...proposalItem(proposal), score: undefined })],
      ['confirmed need without experts', modified(needItem(halfAccepted), needItem({ ...confirmed, acceptedExperts: [] }))],
      ['service of no hours', inserted(serviceItem({ ...service, hours: 0 }))],
      ['service on no date', inserted(serviceItem({ ...service, date: '12.04.2026' }))],
      ['service without the need region', inserted(serviceItem({ ...service, needRegion: undefined as never }))],
      ['service whose learner shows the ID number', inserted(serviceItem({ ...service, learner: { ...learner, idNumberMasked: '320102198001011234' } }))],
    ];
    it.each(cases)('%s', (_what, events) => {
      expect(events).toHaveLength(1);
      expect(valid(events[0]!)).toBe(false);
    });
  });
});
