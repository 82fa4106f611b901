import { optionalCaller } from '../../../shared/auth/optional-caller';
import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { logVerification } from '../app/audit';
import { certificateNotFound, requireValidNumber } from '../app/numbers';
import { namesMatch } from '../core/names';
import { publicView } from '../core/public-view';
import { getCertificate } from '../store/certificates';
import { verifyRoute } from '../routes';

export const handler = httpHandler(verifyRoute, async ({ params, query, event }) => {
  const number = requireValidNumber(params.number);
  const cert = await getCertificate(number);
  if (!cert || !namesMatch(cert.holderName, query.name)) certificateNotFound();
  logVerification(number, 'number', await optionalCaller(event));
  return ok(publicView(cert), { 'cache-control': 'no-store' });
});
