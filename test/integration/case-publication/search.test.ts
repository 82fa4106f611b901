import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { listPartitionsOf, orderKey, termPartition } from '../../../functions/case-publication/core/listing';
import type { CaseCard } from '../../../functions/case-publication/core/model';
import { indexTerms, queryTerms } from '../../../functions/case-publication/core/search-terms';
import { CASE_TOPICS } from '../../../functions/case-publication/core/topics';
import { casePublicationService } from '../../../functions/case-publication/service';
import { listEntryItem, postingItem } from '../../../functions/case-publication/store/listing';
import { platformService } from '../../../functions/platform/service';
import { documentClient } from '../../../shared/ddb/client';
import { regionWithin } from '../../../shared/ids/regions';
import { useLocalAws } from '../../support/local-aws';
import { api, expectStatus } from './api';

/*
 * The listing and search join, checked against an oracle: a few hundred published cases with
 * random words, topics, regions and years are written as a publish writes them, and every page
 * of many queries must be exactly what a filter over all cases in memory gives, newest first.
 */
const CASES = 240;
const WORDS = ['人才', '服务', '博士后', '工作站', '职称评审', '继续教育', '专家', '基层', '留学', '数字技术', '银龄', 'AI'];
const REGIONS = ['310000', '310115', '320102', '440300', '000000'];

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

interface Seeded extends CaseCard {
  terms: Set<string>;
}

const seeded: Seeded[] = [];

beforeAll(async () => {
  const { tables } = await useLocalAws([platformService, casePublicationService]);
  const items: Record<string, unknown>[] = [];
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  for (let n = 0; n < CASES; n++) {
    // Frequent words (人才) in most cases, rare ones (银龄) in few.
    const words = WORDS.filter((_, i) => random() < 0.8 / (i + 1));
    const card: CaseCard = {
      id: randomUUID(),
      version: 1,
      title: `案例${words.join('，')}`,
      summary: '经验摘要。',
      topic: pick(CASE_TOPICS),
      region: pick(REGIONS),
      year: 2024 + Math.floor(random() * 3),
      tags: [],
      publishedAt: new Date(start + n * 60_000).toISOString(),
    };
    const terms = indexTerms(card.title, card.summary);
    const order = orderKey(card.publishedAt, card.id);
    items.push(...listPartitionsOf(card).map((list) => listEntryItem(list, order, card)), ...terms.map((t) => postingItem(card.id, termPartition(t), order)));
    seeded.push({ ...card, terms: new Set(terms) });
  }
  for (let i = 0; i < items.length; i += 25) {
    await documentClient().send(new BatchWriteCommand({ RequestItems: { [tables.cases!]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}, 120_000);

function expected(query: Record<string, string>): string[] {
  const terms = query.q ? queryTerms(query.q) : [];
  return seeded
    .filter((c) => (!query.topic || c.topic === query.topic) && (!query.region || regionWithin(c.region, query.region)) && (!query.year || c.year === Number(query.year)))
    .filter((c) => terms.every((t) => c.terms.has(t)))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((c) => c.id);
}

async function allPages(query: Record<string, string>): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const body = await expectStatus<{ cases: { id: string }[]; nextCursor?: string }>(api.list({ ...query, limit: '7', ...(cursor ? { cursor } : {}) }), 200);
    found.push(...body.cases.map((c) => c.id));
    cursor = body.nextCursor;
    if (!cursor) return found;
  }
  throw new Error('more than 100 pages');
}

describe('listing and search against an oracle (DynamoDB Local)', () => {
  const queries: Record<string, string>[] = [
    {},
    { topic: 'EXPERTS' },
    { region: '310000' },
    { region: '310000', year: '2025' },
    { q: '人才' },
    { q: '银龄' },
    { q: '博士后工作站' },
    { q: '人才 服务 专家' },
    { q: 'ai 数字技术' },
    { q: '人才', topic: 'POSTDOCTORAL', region: '310115' },
    { q: '服务', year: '2024', region: '440300' },
    { q: '职称评审 银龄' },
    { q: '不存在的词' },
  ];

  it.each(queries.map((q) => [JSON.stringify(q), q] as const))('%s: every page, newest first, nothing missed or repeated', async (_name, query) => {
    const want = expected(query);
    expect(await allPages(query)).toEqual(want);
  });

  it('covers both sparse and dense answers', () => {
    const sizes = queries.map((q) => expected(q).length);
    expect(Math.max(...sizes)).toBe(CASES);
    expect(sizes.filter((n) => n > 0 && n < 10).length).toBeGreaterThan(0);
    expect(sizes).toContain(0);
  });
});
