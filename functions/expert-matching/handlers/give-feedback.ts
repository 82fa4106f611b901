import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { giveFeedback } from '../app/services';
import { giveFeedbackRoute } from '../routes';

export const handler = httpHandler(giveFeedbackRoute, async ({ params, body, principal }) => created(await giveFeedback(params.id, principal!, body.rating, body.comment)));
