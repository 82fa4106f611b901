import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { postingInstitution, requireOwnInstitution } from '../app/access';
import { postRecords } from '../app/post-records';
import { postRecordsRoute } from '../routes';

export const handler = httpHandler(postRecordsRoute, async ({ params, body, principal, logger }) => {
  requireOwnInstitution(principal!, params.id);
  await postingInstitution(params.id);
  const results = await postRecords(params.id, body.records, principal!, await piiHashKey());
  const summary = { created: 0, duplicate: 0, conflict: 0, rejected: 0, failed: 0 };
  for (const result of results) summary[result.status]++;
  logger.info('Hour records posted', { institutionId: params.id, ...summary });
  return ok({ summary, results });
});
