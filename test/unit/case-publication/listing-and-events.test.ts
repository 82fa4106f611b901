import { describe, expect, it } from 'vitest';
import { EVENT_CONTRACTS } from '../../../events';
import { caseEventsFrom } from '../../../functions/case-publication/core/events';
import { listPartition, listPartitionsOf, regionScopes } from '../../../functions/case-publication/core/listing';
import type { CaseRecord } from '../../../functions/case-publication/core/model';
import { edited, moved, newCase } from '../../../functions/case-publication/core/revisions';

describe('public listings', () => {
  it('places a case in its region and every division above it', () => {
    expect(regionScopes('310115')).toEqual(['310115', '310100', '310000']);
    expect(regionScopes('320100')).toEqual(['320100', '320000']);
    expect(regionScopes('440000')).toEqual(['440000']);
    expect(regionScopes('000000')).toEqual(['000000']);
  });

  it('puts a case in one list per filter combination it satisfies, so any combination is one list', () => {
    const lists = listPartitionsOf({ topic: 'EXPERTS', region: '310115', year: 2026 });
    expect(lists).toHaveLength(16);
    expect(new Set(lists).size).toBe(16);
    for (const filters of [{}, { topic: 'EXPERTS' as const }, { region: '310000' }, { region: '310100', year: 2026 }, { topic: 'EXPERTS' as const, region: '310115', year: 2026 }]) {
      expect(lists).toContain(listPartition(filters));
    }
    expect(lists).not.toContain(listPartition({ topic: 'POSTDOCTORAL' }));
    expect(lists).not.toContain(listPartition({ region: '320000' }));
    expect(lists).not.toContain(listPartition({ year: 2025 }));
  });
});

describe('case events from the table stream', () => {
  const change = { streamArn: 'arn:cases', sequenceNumber: '7', at: '2026-03-01T08:00:00.000Z' };
  const author = { subject: 'author', label: 'issuer:310000' };
  const reviewer = { subject: 'reviewer', label: 'reviewer:310000' };
  const item = (record: CaseRecord) => ({ pk: `CASE#${record.id}`, sk: '#CASE', entity: 'Case', ...record });
  const valid = (event: unknown) => EVENT_CONTRACTS.find((c) => c.type === (event as { type: string }).type)!.schema.safeParse(event).success;

  const draft = newCase('7c9e6679-7425-40de-944b-e07fc1f90ae7', { title: '博士后案例', summary: '摘要', topic: 'POSTDOCTORAL', region: '310000', year: 2026, tags: [] }, 'drafts/x.md', author, '2026-03-01T00:00:00.000Z');
  const submitted = moved(draft, 'submit', 'SUBMITTED', author, '2026-03-02T00:00:00.000Z');
  const approved = moved(submitted, 'approve', 'APPROVED', reviewer, '2026-03-03T00:00:00.000Z', { comment: '同意' });
  const live = { version: 1, publishedAt: '2026-03-04T00:00:00.000Z', publishedBy: reviewer.label, title: '博士后案例', summary: '摘要', topic: 'POSTDOCTORAL' as const, region: '310000', year: 2026 };
  const published = moved(approved, 'publish', 'PUBLISHED', reviewer, live.publishedAt, { live });
  const revising = edited(published, { title: '新标题', region: '310115' }, undefined, author, '2026-03-05T00:00:00.000Z');
  const withdrawn = moved(revising, 'withdraw', 'WITHDRAWN', author, '2026-03-06T00:00:00.000Z', { comment: '政策调整' });

  it('says CaseSubmitted when a revision is submitted', () => {
    const [event, ...rest] = caseEventsFrom({ ...change, oldImage: item(draft), newImage: item(submitted) });
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'CaseSubmitted', source: 'tsp.case-publication', detail: { caseId: draft.id, revision: 2, submittedBy: 'issuer:310000' } });
    expect(valid(event)).toBe(true);
  });

  it('says CasePublished with the frozen version, and nothing for approvals and edits', () => {
    expect(caseEventsFrom({ ...change, oldImage: item(submitted), newImage: item(approved) })).toEqual([]);
    const [event] = caseEventsFrom({ ...change, oldImage: item(approved), newImage: item(published) });
    expect(event).toMatchObject({ type: 'CasePublished', detail: { version: 1, title: '博士后案例', publishedBy: 'reviewer:310000' } });
    expect(valid(event)).toBe(true);
    // The published case is being revised: the public still reads version 1, no event.
    expect(caseEventsFrom({ ...change, oldImage: item(published), newImage: item(revising) })).toEqual([]);
  });

  it('says CaseWithdrawn for the version that was live, with the comment', () => {
    const [event] = caseEventsFrom({ ...change, oldImage: item(revising), newImage: item(withdrawn) });
    expect(event).toMatchObject({ type: 'CaseWithdrawn', detail: { version: 1, region: '310000', withdrawnBy: 'issuer:310000', comment: '政策调整' } });
    expect(valid(event)).toBe(true);
  });

  it('gives the same id to a redelivered record and ignores other items', () => {
    const a = caseEventsFrom({ ...change, oldImage: item(draft), newImage: item(submitted) });
    const b = caseEventsFrom({ ...change, oldImage: item(draft), newImage: item(submitted) });
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(caseEventsFrom({ ...change, newImage: { pk: 'CASE#x', sk: 'TERM#人才', ipk: 'TERM#人才' } })).toEqual([]);
  });
});
