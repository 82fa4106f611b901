import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { publicView } from '../core/public-view';
import { listHolderCertificates } from '../store/certificates';
import { listVerifications } from '../store/verifications';
import { myCertificatesRoute } from '../routes';

/** The holder, identified by the keyed hash in their token, sees their certificates and who checked them. */
export const handler = httpHandler(myCertificatesRoute, async ({ principal }) => {
  if (!principal?.personId) throw problems.forbidden(text('您的令牌未包含个人身份信息。', 'Your token carries no person identity.'));
  const certs = await listHolderCertificates(principal.personId);
  const certificates = await Promise.all(
    certs.map(async (cert) => {
      const view = publicView(cert);
      const verifications = await listVerifications(cert.number);
      return {
        number: cert.number,
        type: cert.type,
        title: cert.title,
        level: cert.level,
        status: view.status,
        issuerName: cert.issuerName,
        issueDate: cert.issueDate,
        validUntil: cert.validUntil,
        ...(view.revocation ? { revocation: view.revocation } : {}),
        ...(view.suspension ? { suspension: view.suspension } : {}),
        ...(cert.hours ? { hours: cert.hours } : {}),
        verifications: verifications.map(({ at, method, verifier }) => ({ at, method, verifier })),
      };
    }),
  );
  return ok({ certificates }, { 'cache-control': 'no-store' });
});
