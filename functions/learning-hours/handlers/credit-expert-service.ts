import type { z } from 'zod';
import type { serviceWithdrawnDetail } from '../../../events/service-withdrawn';
import { eventConsumer } from '../../../shared/events/consume';
import { loggerFor } from '../../../shared/http/observability';
import { creditService, withdrawServiceCredit } from '../app/service-credit';

const logger = loggerFor('learning-hours');

/** ServiceCompleted / ServiceWithdrawn from expert-matching → the expert's own professional hours (flow 2). */
export const handler = eventConsumer('learning-hours', 'creditExpertService', async (event) => {
  const detail = event.detail as z.infer<typeof serviceWithdrawnDetail>;
  if (!detail.learner) {
    logger.info('Service not credited: the expert is not linked to a learner identity', { eventId: event.id, needId: detail.needId });
    return;
  }
  const service = { ...detail, ...detail.learner };
  const outcome = event.type === 'ServiceWithdrawn' ? await withdrawServiceCredit(service, detail.reason) : await creditService(service);
  logger.info('Expert service credit', { eventId: event.id, type: event.type, needId: detail.needId, outcome });
});
