import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { requireRegion } from '../app/access';
import { issueCertificates } from '../app/issue';
import { signingKeys, verifyUrl } from '../app/keys';
import { prepareIssue } from '../core/issuing';
import { publicView } from '../core/public-view';
import { signVerificationToken } from '../core/verification-token';
import { issueCertificateRoute } from '../routes';

export const handler = httpHandler(issueCertificateRoute, async ({ body, principal, logger }) => {
  requireRegion(principal!, body.region);
  const issue = prepareIssue(body, personIdForDocument(documentOf(body.holder), await piiHashKey()));
  const [outcome] = await issueCertificates([{ index: 0, issue }], principal!.label);
  if (outcome!.status === 'failed') throw outcome!.error;
  const { certificate } = outcome!;
  const verifyToken = await signVerificationToken(certificate.number, await signingKeys());
  logger.info('Certificate issued', { number: certificate.number });
  return created(
    {
      number: certificate.number,
      status: publicView(certificate).status,
      verifyToken,
      verifyUrl: verifyUrl(verifyToken),
      documentPath: `/certificates/${certificate.number}/document`,
      certificate: publicView(certificate),
    },
    `/certificates/${certificate.number}`,
  );
});
