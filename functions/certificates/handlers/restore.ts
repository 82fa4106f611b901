import { httpHandler } from '../../../shared/http/handler';
import { changeState } from '../app/transitions';
import { restoreRoute } from '../routes';

export const handler = httpHandler(restoreRoute, ({ params, principal }) => changeState(principal!, params.number, 'restore', 'Suspension lifted'));
