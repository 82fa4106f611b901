import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { personCompliance } from '../app/compliance';
import { myHoursRoute } from '../routes';

/** A professional, identified by the keyed hash in their token, sees their own hours. */
export const handler = httpHandler(myHoursRoute, async ({ query, principal }) => {
  if (!principal?.personId) throw problems.forbidden('Your token carries no person identity.');
  return ok(await personCompliance(principal.personId, query, query.region), { 'cache-control': 'no-store' });
});
