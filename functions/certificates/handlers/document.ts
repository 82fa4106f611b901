import { hasGroup } from '../../../shared/auth/principal';
import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
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
  if (!cert || !allowed) throw problems.notFound(text('未找到您可查看的该证书。', 'No such certificate for you.'));
  if (!(await certificatePdfExists(number))) {
    throw new HttpProblem(409, text('证书文件尚未生成', 'Document not ready'), text('证书 PDF 正在生成，请几秒后重试。', 'The PDF is still being generated; retry in a few seconds.'), {
      headers: { 'retry-after': '2' },
    });
  }
  return ok({ url: await certificatePdfUrl(number), expiresInSeconds: DOCUMENT_LINK_SECONDS }, { 'cache-control': 'no-store' });
});
