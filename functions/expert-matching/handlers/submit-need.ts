import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { accepted } from '../../../shared/http/responses';
import { submitNeed } from '../app/needs';
import { submitNeedRoute } from '../routes';

export const handler = httpHandler(submitNeedRoute, async ({ body, principal, headers, logger }) => {
  if (!principal!.unitId) throw problems.forbidden(text('您的令牌未指明所属单位。', 'Your token names no unit.'));
  const need = await submitNeed(body, principal!, headers['idempotency-key']);
  logger.info('Need submitted', { needId: need.id, unitId: need.unitId });
  return accepted({ needId: need.id, status: need.status }, `/needs/${need.id}`);
});
