import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { updateExpert } from '../app/experts';
import { expertView } from '../app/views';
import { updateExpertRoute } from '../routes';

export const handler = httpHandler(updateExpertRoute, async ({ params, body }) => ok(expertView(await updateExpert(params.id, body))));
