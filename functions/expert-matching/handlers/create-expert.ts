import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { registerExpert } from '../app/experts';
import { expertView } from '../app/views';
import { createExpertRoute } from '../routes';

export const handler = httpHandler(createExpertRoute, async ({ body, logger }) => {
  const expert = await registerExpert(body, await piiHashKey());
  logger.info('Expert registered', { expertId: expert.id });
  return created(expertView(expert), `/experts/${expert.id}`);
});
