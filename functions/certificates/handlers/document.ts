import { hasGroup } from '../../../shared/auth/principal';
import { httpHandler } from '../../../shared/http/handler';
import { HttpProblem, problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { requireValidNumber } from '../app/numbers';
import { isHolder, mayManageRegion } from '../core/authorisation';
import { getCertificate } from '../store/certificates';
import { certificatePdfExists, certificatePdfUrl, DOCUMENT_LINK_SECONDS } from '../store/documents';
import { documentRoute } from '../routes';

/** Issuers of the region, admins and the holder get a 5-minute link to the PDF. */
export const handler = httpHandler(documentRoute, async ({ params, principal }) => {
  const number = requireValidNumber(params.number);
  const cert = await getCertificate(number);
  const allowed = cert && (isHolder(principal, cert.personId) || (hasGroup(principal, 'issuer', 'admin') && mayManageRegion(principal!, cert.region)));
  if (!cert || !allowed) throw problems.notFound('No such certificate for you.');
  if (!(await certificatePdfExists(number))) {
    throw new HttpProblem(409, 'Document not ready', 'The PDF is still being generated; retry in a few seconds.', { headers: { 'retry-after': '2' } });
  }
  return ok({ url: await certificatePdfUrl(number), expiresInSeconds: DOCUMENT_LINK_SECONDS }, { 'cache-control': 'no-store' });
});
