import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { manageableCertificate } from '../app/access';
import { requireValidNumber } from '../app/numbers';
import { publicView } from '../core/public-view';
import { getCertificateRoute } from '../routes';

/** The issuer's view: the public answer plus the unmasked name, masked ID number and full history. */
export const handler = httpHandler(getCertificateRoute, async ({ params, principal }) => {
  const cert = await manageableCertificate(principal!, requireValidNumber(params.number));
  return ok({ ...publicView(cert), holderName: cert.holderName, idNumberMasked: cert.idNumberMasked, region: cert.region, history: cert.history });
});
