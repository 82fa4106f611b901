import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { fieldErrors } from '../../../shared/http/zod-errors';
import { personIdFor, piiHashKey } from '../../../shared/pii/keyed-hash';
import { issueCertificates } from '../app/issue';
import { signingKeys, verifyUrl } from '../app/keys';
import { mayManageRegion } from '../core/authorisation';
import { prepareIssue, type PreparedIssue } from '../core/issuing';
import { signVerificationToken } from '../core/verification-token';
import { issueCertificatesBatchRoute } from '../routes';
import { issueRequest } from '../schemas';

type Result =
  | { index: number; status: 'created'; number: string; verifyToken: string; verifyUrl: string }
  | { index: number; status: 'rejected' | 'failed'; errors: { path: string; message: string }[] };

/** Each item is checked on its own: one bad item is reported, never sinks the batch. */
export const handler = httpHandler(issueCertificatesBatchRoute, async ({ body, principal, logger }) => {
  const key = await piiHashKey();
  const results: Result[] = [];
  const accepted: { index: number; issue: PreparedIssue }[] = [];
  body.items.forEach((item, index) => {
    const parsed = issueRequest.safeParse(item);
    if (!parsed.success) {
      results.push({ index, status: 'rejected', errors: fieldErrors(`items[${index}]`, parsed.error) });
    } else if (!mayManageRegion(principal!, parsed.data.region)) {
      results.push({ index, status: 'rejected', errors: [{ path: `items[${index}].region`, message: 'Outside the region your token covers' }] });
    } else {
      accepted.push({ index, issue: prepareIssue(parsed.data, personIdFor(parsed.data.holder.idNumber, key)) });
    }
  });

  const keys = await signingKeys();
  for (const outcome of await issueCertificates(accepted, principal!.label)) {
    if (outcome.status === 'created') {
      const verifyToken = await signVerificationToken(outcome.certificate.number, keys);
      results.push({ index: outcome.index, status: 'created', number: outcome.certificate.number, verifyToken, verifyUrl: verifyUrl(verifyToken) });
    } else {
      results.push({ index: outcome.index, status: 'failed', errors: [{ path: `items[${outcome.index}]`, message: 'Storage was unavailable; nothing was written for this item. Retry it.' }] });
    }
  }
  results.sort((a, b) => a.index - b.index);
  const count = (status: Result['status']) => results.filter((r) => r.status === status).length;
  logger.info('Batch issued', { created: count('created'), rejected: count('rejected'), failed: count('failed') });
  return ok({ summary: { created: count('created'), rejected: count('rejected'), failed: count('failed') }, results });
});
