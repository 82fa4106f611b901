import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { regionName } from '../../../shared/ids/regions';
import { decodeCursor, encodeCursor, queryFingerprint, type Position } from '../core/cursor';
import { intersect } from '../core/intersection';
import { listPartition, termPartition, type ListFilters } from '../core/listing';
import type { CaseCard } from '../core/model';
import { queryTerms } from '../core/search-terms';
import { TOPIC_LABELS } from '../core/topics';
import type { PublicListQuery } from '../schemas';
import { probe, seek } from '../store/listing';

export function publicCard(card: CaseCard) {
  return { ...card, topicLabel: TOPIC_LABELS[card.topic], regionName: regionName(card.region) ?? card.region };
}

/**
 * GET /public/cases: a page of one filter combination's list (core/listing.ts), or, with `q`,
 * of its intersection with the posting lists of the query's terms (core/intersection.ts).
 */
export async function listPublicCases(query: PublicListQuery) {
  const filters: ListFilters = { topic: query.topic, region: query.region, year: query.year };
  const terms = query.q === undefined ? [] : queryTerms(query.q);
  if (query.q !== undefined && terms.length === 0) throw problems.validation([{ path: 'query.q', message: text('没有可供检索的词', 'Has no word to search for') }]);
  const fingerprint = queryFingerprint({ ...filters }, terms);
  let start: Position | undefined;
  if (query.cursor !== undefined) {
    const decoded = decodeCursor(query.cursor, fingerprint);
    if (!decoded.ok) {
      const message =
        decoded.problem === 'malformed'
          ? text('不是本接口签发的翻页游标', 'Not a cursor this API issued')
          : text('该游标属于另一次查询，请配合相同的筛选条件和 q 使用', 'Belongs to another query: use it with the same filters and q');
      throw problems.validation([{ path: 'query.cursor', message }]);
    }
    start = decoded.position;
  }
  const page = await intersect([listPartition(filters), ...terms.map(termPartition)], start, query.limit, { seek, probe });
  return { cases: page.entries.map((entry) => publicCard(entry.card!)), ...(page.next ? { nextCursor: encodeCursor(page.next, fingerprint) } : {}) };
}
