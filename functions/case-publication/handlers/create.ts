import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { createCase } from '../app/authoring';
import { caseView } from '../app/case-view';
import { createCaseRoute } from '../routes';

export const handler = httpHandler(createCaseRoute, async ({ body, principal, logger, language }) => {
  const record = await createCase(principal!, body);
  logger.info('Case created', { caseId: record.id, region: record.draft.region });
  return created(await caseView(record, language, body.body), `/cases/${record.id}/draft`);
});
