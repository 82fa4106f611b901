import { optionalCaller } from '../../../shared/auth/optional-caller';
import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { chargeLookups } from '../../../shared/rate-limit/lookup-budget';
import { logVerification } from '../app/audit';
import { verifyKeys } from '../app/keys';
import { publicView } from '../core/public-view';
import { readVerificationToken } from '../core/verification-token';
import { getCertificate } from '../store/certificates';
import { verifyTokenRoute } from '../routes';

/** A QR token is proof enough of possession: no name is needed, the answer is still masked. */
export const handler = httpHandler(verifyTokenRoute, async ({ params, event }) => {
  const caller = await optionalCaller(event);
  // A lookup like any other: the same budget, so no route is a cheaper way to look up.
  await chargeLookups(event, caller, 1);
  const number = await readVerificationToken(params.token, await verifyKeys());
  const cert = number ? await getCertificate(number) : undefined;
  if (!cert) throw problems.notFound(text('该二维码不对应本平台签发的证书。', 'This QR code does not name a certificate of this platform.'));
  logVerification(cert.number, 'qr', caller);
  return ok(publicView(cert), { 'cache-control': 'no-store' });
});
