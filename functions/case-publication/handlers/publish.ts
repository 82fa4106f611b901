import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { caseView } from '../app/case-view';
import { publishCase } from '../app/publish';
import { publishCaseRoute } from '../routes';

export const handler = httpHandler(publishCaseRoute, async ({ params, body, principal, logger, language }) => {
  const record = await publishCase(principal!, params.id, body?.comment, logger);
  logger.info('Case published', { caseId: record.id, version: record.live?.version });
  return ok(await caseView(record, language));
});
