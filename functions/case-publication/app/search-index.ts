import type { Logger } from '@aws-lambda-powertools/logger';
import { deleteEntries, entriesOfCase } from '../store/listing';

/*
 * Publishing and withdrawing change what the public reads, so they maintain the listings and
 * the search index too. The listing entries are the authority: they are written (or deleted) in
 * the same transaction as the case's new state, so a case is in the public lists exactly while it
 * is published. Postings are many (one per term), so they cannot join a transaction; they are
 * written before it and cleaned up after it, and a search always intersects them with a listing
 * — a posting left behind by a failure can make a search consider a case, never show one that is
 * not published, and the next publish or withdraw of that case removes it.
 */

/**
 * Deletes the case's postings that `stale` picks. The change is already committed: a failure
 * here leaves postings that no listing entry matches (harmless, see above), so it is logged, not
 * answered with an error that would invite a retry of a move already made.
 */
export async function removePostings(caseId: string, stale: (posting: string) => boolean, logger: Logger): Promise<void> {
  try {
    await deleteEntries(caseId, (await entriesOfCase(caseId, 'TERM#')).filter(stale));
  } catch (error) {
    logger.warn('Stale search postings left behind; the next publish or withdraw of the case removes them', { caseId, error: (error as Error).name });
  }
}
