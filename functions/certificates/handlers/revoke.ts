import { httpHandler } from '../../../shared/http/handler';
import { changeState } from '../app/transitions';
import { revokeRoute } from '../routes';

export const handler = httpHandler(revokeRoute, ({ params, body, principal }) => changeState(principal!, params.number, 'revoke', body.reason));
