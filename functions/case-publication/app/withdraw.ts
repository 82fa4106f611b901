import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../../../shared/auth/principal';
import type { CaseRecord } from '../core/model';
import { moved } from '../core/revisions';
import { entriesOfCase } from '../store/listing';
import { entryKey } from '../store/keys';
import { changeCase } from './changes';
import { checkMove } from './moves';
import { removePostings } from './search-index';

/** Takes a case down: its listing entries go in the same transaction as its WITHDRAWN state, then its postings. */
export async function withdrawCase(principal: Principal, caseId: string, comment: string | undefined, logger: Logger): Promise<CaseRecord> {
  const record = await changeCase(principal, caseId, async (current) => {
    const to = checkMove(principal, current, 'withdraw');
    const lists = await entriesOfCase(caseId, 'LIST#');
    return {
      record: moved(current, 'withdraw', to, principal, new Date().toISOString(), { comment }),
      companions: { deletes: lists.map((list) => entryKey(caseId, list)) },
    };
  });
  await removePostings(caseId, () => true, logger);
  return record;
}
