import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { withdrawService } from '../app/services';
import { serviceView } from '../core/need-state';
import { withdrawServiceRoute } from '../routes';

export const handler = httpHandler(withdrawServiceRoute, async ({ params, body, principal, logger }) => {
  const service = await withdrawService(params.id, params.expertId, principal!, body.reason);
  logger.info('Service withdrawn', { needId: service.needId, expertId: service.expertId });
  return ok(serviceView(service));
});
