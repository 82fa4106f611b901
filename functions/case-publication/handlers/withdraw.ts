import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { caseView } from '../app/case-view';
import { withdrawCase } from '../app/withdraw';
import { withdrawCaseRoute } from '../routes';

export const handler = httpHandler(withdrawCaseRoute, async ({ params, body, principal, logger, language }) => {
  const record = await withdrawCase(principal!, params.id, body?.comment, logger);
  logger.info('Case withdrawn', { caseId: record.id });
  return ok(await caseView(record, language));
});
