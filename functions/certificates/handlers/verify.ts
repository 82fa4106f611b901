import { optionalCaller } from '../../../shared/auth/optional-caller';
import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { chargeLookups } from '../../../shared/rate-limit/lookup-budget';
import { logVerification } from '../app/audit';
import { certificateNotFound, requireValidNumber } from '../app/numbers';
import { namesMatch } from '../core/names';
import { publicView } from '../core/public-view';
import { getCertificate } from '../store/certificates';
import { verifyRoute } from '../routes';

export const handler = httpHandler(verifyRoute, async ({ params, query, event }) => {
  const number = requireValidNumber(params.number);
  const caller = await optionalCaller(event);
  // One lookup of the caller's budget, the same as one pair of a batch.
  await chargeLookups(event, caller, 1);
  const cert = await getCertificate(number);
  if (!cert || !namesMatch(cert.holderName, query.name)) certificateNotFound();
  logVerification(number, 'number', caller);
  return ok(publicView(cert), { 'cache-control': 'no-store' });
});
