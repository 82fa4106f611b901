import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { pageOfRecords, type ListedRecord, type PageRequest, type YearLists } from '../core/record-pages';

type OneYear = YearLists<ListedRecord>;
type Window = { fromYear: number; toYear: number; years: OneYear[] };

/**
 * A compliance answer (app/compliance.ts `personCompliance`) with its record lists cut to one
 * page (core/record-pages.ts): the figures stay those of every record. `where` locates the
 * paging fields in the request (`query` for GET, `body` for the lookup) for a cursor refused.
 */
export function pageRecordLists<A extends OneYear | Window>(answer: A, request: PageRequest, where: 'query' | 'body'): A & { nextCursor?: string } {
  const window = 'years' in answer;
  const period = window ? `${answer.fromYear}-${answer.toYear}` : String(answer.year);
  const page = pageOfRecords(window ? answer.years : [answer], period, request);
  if (!page.ok) {
    throw problems.validation([
      {
        path: `${where}.cursor`,
        message:
          page.problem === 'malformed'
            ? text('不是本接口给出的游标（nextCursor）', 'Not a cursor this API issued (nextCursor)')
            : text('该游标属于另一年度或期间：请使用相同的 year 或 fromYear/toYear', 'The cursor belongs to another year or window: use it with the same year or fromYear/toYear'),
      },
    ]);
  }
  const cursor = page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {};
  const paged = window ? { ...answer, years: page.years } : { ...answer, ...page.years[0]! };
  return { ...paged, ...cursor } as A & { nextCursor?: string };
}
