import { describe, expect, it } from 'vitest';
import { EVENT_CONTRACTS } from '../../events';
import { certificateEventsFrom } from '../../functions/certificates/core/events';
import { learningHoursEventsFrom } from '../../functions/learning-hours/core/events';
import type { Certificate } from '../../functions/certificates/core/model';

describe('event contracts', () => {
  it.each(EVENT_CONTRACTS.map((c) => [c.type, c] as const))('%s accepts its sample and rejects malformed payloads', (_type, contract) => {
    expect(contract.schema.safeParse(contract.sample).success).toBe(true);
    const sample = contract.sample as { detail: Record<string, unknown> };
    expect(contract.schema.safeParse({ ...sample, type: 'Other' }).success).toBe(false);
    expect(contract.schema.safeParse({ ...sample, detail: { ...sample.detail, unexpected: true } }).success).toBe(false);
    expect(contract.schema.safeParse({ ...sample, detail: {} }).success).toBe(false);
    expect(contract.schema.safeParse({ ...sample, id: '' }).success).toBe(false);
  });
});

describe('certificate events from the table stream', () => {
  const cert = {
    entity: 'Certificate',
    number: 'ZC310000202600012346',
    type: 'ZC',
    region: '310000',
    year: 2026,
    personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
    title: '高级工程师',
    issuerName: '上海市人社局',
    issueDate: '2026-03-01',
  } as unknown as Certificate & { entity: string };
  const change = { streamArn: 'arn:stream', sequenceNumber: '100', at: '2026-03-01T00:00:00.000Z' };
  const byType = Object.fromEntries(EVENT_CONTRACTS.map((c) => [c.type, c.schema]));

  it('derives CertificateIssued from an INSERT, valid against its contract, with an id stable across redelivery', () => {
    const [event] = certificateEventsFrom({ ...change, newImage: cert as never });
    expect(event!.type).toBe('CertificateIssued');
    expect(byType.CertificateIssued!.safeParse(event).success).toBe(true);
    expect(certificateEventsFrom({ ...change, newImage: cert as never })[0]!.id).toBe(event!.id);
    expect(certificateEventsFrom({ ...change, sequenceNumber: '101', newImage: cert as never })[0]!.id).not.toBe(event!.id);
  });

  it('derives CertificateRevoked only when a revocation appears', () => {
    const revoked = { ...cert, revocation: { date: '2026-06-01', reason: '造假', by: 'issuer:310000' } };
    const [event] = certificateEventsFrom({ ...change, oldImage: cert as never, newImage: revoked as never });
    expect(event!.type).toBe('CertificateRevoked');
    expect(byType.CertificateRevoked!.safeParse(event).success).toBe(true);
    expect(certificateEventsFrom({ ...change, oldImage: revoked as never, newImage: revoked as never })).toEqual([]);
    expect(certificateEventsFrom({ ...change, newImage: { pk: 'SERIAL#x', entity: undefined } as never })).toEqual([]);
  });
});

describe('learning-hours events from the table stream', () => {
  const record = {
    entity: 'HourRecord',
    institutionId: 'JS-BASE-01',
    recordId: 'R1',
    personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
    personNameMasked: '张*',
    course: { code: 'C1', title: '课程', category: 'PROFESSIONAL' },
    hours: 8,
    completedOn: '2026-05-10',
    year: 2026,
    status: 'ACTIVE',
    contentHash: 'h',
    postedBy: 'institution:JS-BASE-01',
    postedAt: '2026-05-10T00:00:00.000Z',
  };
  const change = { streamArn: 'arn:stream:lh', sequenceNumber: '7', at: '2026-05-10T00:00:00.000Z' };
  const schemaOf = (type: string) => EVENT_CONTRACTS.find((c) => c.type === type)!.schema;

  it('derives HoursRecorded from a new record and HoursVoided when it turns VOIDED, each valid against its contract', () => {
    const [recorded] = learningHoursEventsFrom({ ...change, newImage: record });
    expect(schemaOf('HoursRecorded').safeParse(recorded).success).toBe(true);
    const voided = { ...record, status: 'VOIDED', voided: { at: 'x', by: 'institution:JS-BASE-01', reason: '错误' } };
    const [event] = learningHoursEventsFrom({ ...change, sequenceNumber: '8', oldImage: record, newImage: voided });
    expect(event!.type).toBe('HoursVoided');
    expect(schemaOf('HoursVoided').safeParse(event).success).toBe(true);
    expect(learningHoursEventsFrom({ ...change, oldImage: voided, newImage: voided })).toEqual([]);
    expect(learningHoursEventsFrom({ ...change, newImage: { entity: 'Institution' } })).toEqual([]);
  });
});

describe('annual-requirement events from the MET marker', () => {
  const marker = {
    entity: 'RequirementMet',
    personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
    holderName: '张三',
    idNumberMasked: '1101**********002X',
    year: 2026,
    policy: 'national',
    totalHours: 92,
    professionalHours: 62,
    publicHours: 30,
    state: 'MET',
    version: 1,
  };
  const change = { streamArn: 'arn', sequenceNumber: '9', at: '2026-11-02T10:00:00.000Z' };
  const valid = (event: unknown) => EVENT_CONTRACTS.find((c) => c.type === (event as { type: string }).type)!.schema.safeParse(event).success;

  it('derives Met from the marker INSERT, Lapsed and Restored from its changes of state, each valid against its contract', () => {
    const [met] = learningHoursEventsFrom({ ...change, newImage: marker });
    const lapsedMarker = { ...marker, state: 'LAPSED', totalHours: 84, version: 2 };
    const [lapsed] = learningHoursEventsFrom({ ...change, sequenceNumber: '10', oldImage: marker, newImage: lapsedMarker });
    const [restored] = learningHoursEventsFrom({ ...change, sequenceNumber: '11', oldImage: lapsedMarker, newImage: { ...marker, version: 3 } });
    expect([met, lapsed, restored].map((e) => e!.type)).toEqual(['AnnualRequirementMet', 'AnnualRequirementLapsed', 'AnnualRequirementRestored']);
    expect([met, lapsed, restored].every(valid)).toBe(true);
    expect([met, lapsed, restored].map((e) => (e!.detail as { version: number }).version)).toEqual([1, 2, 3]);
  });

  it('says nothing when the state did not change', () => {
    expect(learningHoursEventsFrom({ ...change, oldImage: marker, newImage: { ...marker, totalHours: 100 } })).toEqual([]);
  });
});

describe('the event catalogue', () => {
  it('lists every contract with its JSON Schema, and where the bus delivers it according to the consumer definitions', async () => {
    const { eventCatalogue } = await import('../../shared/openapi/event-catalogue');
    const { SERVICES } = await import('../../functions/services');
    const catalogue = eventCatalogue(EVENT_CONTRACTS, SERVICES);
    expect(catalogue.map((e) => e.type)).toEqual(EVENT_CONTRACTS.map((c) => c.type));
    for (const entry of catalogue) {
      expect(entry.schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: expect.arrayContaining(['id', 'type', 'source', 'time', 'detail']) });
    }
    const met = catalogue.find((e) => e.type === 'AnnualRequirementMet')!;
    expect(met.deliveredTo).toEqual(['certificates.continuingEducationCertificates']);
  });
});

describe('expert-matching events from the table stream', async () => {
  const { expertMatchingEventsFrom } = await import('../../functions/expert-matching/core/events');
  const change = { streamArn: 'arn:em', sequenceNumber: '5', at: '2026-03-01T08:00:00.000Z' };
  const valid = (event: unknown) => EVENT_CONTRACTS.find((c) => c.type === (event as { type: string }).type)!.schema.safeParse(event).success;
  const need = {
    entity: 'Need',
    id: '2bd1112d-c90d-4172-89b1-8d4287b0ca76',
    unitId: 'GS-COOP-01',
    region: '620100',
    fields: ['21040'],
    serviceForm: 'TECH_GUIDANCE',
    expertsWanted: 1,
    window: { from: '2026-03-01', to: '2026-06-30' },
    status: 'SUBMITTED',
    acceptedCount: 0,
    acceptedExperts: [],
  };
  const service = { entity: 'Service', needId: need.id, expertId: 'EXP-1', hours: 16, form: 'TECH_GUIDANCE', date: '2026-04-12', summary: 's', recordedAt: '', needRegion: '620100' };

  it('derives each event from its change, valid against its contract', () => {
    const events = [
      ...expertMatchingEventsFrom({ ...change, newImage: need }),
      ...expertMatchingEventsFrom({ ...change, oldImage: { ...need, status: 'PROPOSED' }, newImage: { ...need, status: 'CONFIRMED', acceptedCount: 1, acceptedExperts: ['EXP-1'] } }),
      ...expertMatchingEventsFrom({ ...change, newImage: { entity: 'Proposal', needId: need.id, expertId: 'EXP-1', score: 80, proposedBy: 'matching', status: 'PROPOSED' } }),
      ...expertMatchingEventsFrom({ ...change, newImage: service }),
      ...expertMatchingEventsFrom({ ...change, oldImage: service, newImage: { ...service, withdrawn: { at: '', by: 'x', reason: '重复' } } }),
    ];
    expect(events.map((e) => e.type)).toEqual(['NeedSubmitted', 'NeedConfirmed', 'MatchProposed', 'ServiceCompleted', 'ServiceWithdrawn']);
    expect(events.every(valid)).toBe(true);
    expect(events.find((e) => e.type === 'ServiceCompleted')!.detail).not.toHaveProperty('learner');
  });

  it('carries the learner only when the expert is linked, and says nothing for copies, counters or other changes', () => {
    const learner = { personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E', holderName: '王五', idNumberMasked: '3201**********1234' };
    expect(expertMatchingEventsFrom({ ...change, newImage: { ...service, learner } })[0]!.detail).toMatchObject({ learner });
    expect(expertMatchingEventsFrom({ ...change, newImage: { entity: 'ExpertGroup', id: 'EXP-1' } })).toEqual([]);
    expect(expertMatchingEventsFrom({ ...change, oldImage: need, newImage: { ...need, status: 'PROPOSED' } })).toEqual([]);
    expect(expertMatchingEventsFrom({ ...change, oldImage: service, newImage: service })).toEqual([]);
  });
});
