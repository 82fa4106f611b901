import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { personIdFor, piiHashKey } from '../../../shared/pii/keyed-hash';
import { personCompliance } from '../app/compliance';
import { lookupRoute } from '../routes';

/** HR departments look a person up by ID number in the body (never in a URL or a log). */
export const handler = httpHandler(lookupRoute, async ({ body, principal }) => {
  const personId = personIdFor(body.idNumber, await piiHashKey());
  return ok(await personCompliance(personId, body, body.region ?? principal?.region, body.name), { 'cache-control': 'no-store' });
});
