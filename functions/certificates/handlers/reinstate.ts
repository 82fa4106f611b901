import { httpHandler } from '../../../shared/http/handler';
import { changeState } from '../app/transitions';
import { reinstateRoute } from '../routes';

export const handler = httpHandler(reinstateRoute, ({ params, principal }) => changeState(principal!, params.number, 'reinstate', 'Reinstated'));
