import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { recordService } from '../app/services';
import { serviceView } from '../core/need-state';
import { recordServiceRoute } from '../routes';

export const handler = httpHandler(recordServiceRoute, async ({ params, body, principal, logger }) => {
  const service = await recordService(params.id, principal!, body);
  logger.info('Service recorded', { needId: service.needId, expertId: service.expertId, hours: service.hours });
  return created(serviceView(service));
});
