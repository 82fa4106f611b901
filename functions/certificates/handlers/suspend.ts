import { httpHandler } from '../../../shared/http/handler';
import { changeState } from '../app/transitions';
import { suspendRoute } from '../routes';

export const handler = httpHandler(suspendRoute, ({ params, body, principal }) => changeState(principal!, params.number, 'suspend', body.reason));
