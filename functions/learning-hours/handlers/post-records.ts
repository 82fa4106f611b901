import { httpHandler } from '../../../shared/http/handler';
import { renderFieldErrors } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { postingInstitution, requireOwnInstitution } from '../app/access';
import { postRecords } from '../app/post-records';
import { postRecordsRoute } from '../routes';

export const handler = httpHandler(postRecordsRoute, async ({ params, body, principal, logger, language }) => {
  requireOwnInstitution(principal!, params.id);
  await postingInstitution(params.id);
  const results = await postRecords(params.id, body.records, principal!, await piiHashKey(), { language });
  const summary = { created: 0, duplicate: 0, conflict: 0, rejected: 0, failed: 0 };
  for (const result of results) summary[result.status]++;
  logger.info('Hour records posted', { institutionId: params.id, ...summary });
  // Item errors in the caller's language, like a problem's.
  return ok({ summary, results: results.map((r) => ('errors' in r ? { ...r, errors: renderFieldErrors(r.errors, language) } : r)) });
});
