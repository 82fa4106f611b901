import { httpHandler } from '../../../shared/http/handler';
import { renderText, text } from '../../../shared/http/messages';
import { ok } from '../../../shared/http/responses';
import { fieldErrors, safeParseFor } from '../../../shared/http/zod-errors';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
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

const OUTSIDE_REGION = text('超出您的令牌所辖地区范围', 'Outside the region your token covers');
const NOT_STORED = text('存储暂不可用，此项未写入任何内容，请重试。', 'Storage was unavailable; nothing was written for this item. Retry it.');

/** Each item is checked on its own: one bad item is reported, never sinks the batch. Item errors read in the caller's language. */
export const handler = httpHandler(issueCertificatesBatchRoute, async ({ body, principal, logger, language }) => {
  const key = await piiHashKey();
  const results: Result[] = [];
  const accepted: { index: number; issue: PreparedIssue }[] = [];
  body.items.forEach((item, index) => {
    const parsed = safeParseFor(issueRequest, item, language);
    if (!parsed.success) {
      results.push({ index, status: 'rejected', errors: fieldErrors(`items[${index}]`, parsed.error).map((e) => ({ path: e.path, message: renderText(e.message, language) })) });
    } else if (!mayManageRegion(principal!, parsed.data.region)) {
      results.push({ index, status: 'rejected', errors: [{ path: `items[${index}].region`, message: renderText(OUTSIDE_REGION, language) }] });
    } else {
      accepted.push({ index, issue: prepareIssue(parsed.data, personIdForDocument(documentOf(parsed.data.holder), key)) });
    }
  });

  const keys = await signingKeys();
  for (const outcome of await issueCertificates(accepted, principal!.label)) {
    if (outcome.status === 'created') {
      const verifyToken = await signVerificationToken(outcome.certificate.number, keys);
      results.push({ index: outcome.index, status: 'created', number: outcome.certificate.number, verifyToken, verifyUrl: verifyUrl(verifyToken) });
    } else {
      results.push({ index: outcome.index, status: 'failed', errors: [{ path: `items[${outcome.index}]`, message: renderText(NOT_STORED, language) }] });
    }
  }
  results.sort((a, b) => a.index - b.index);
  const count = (status: Result['status']) => results.filter((r) => r.status === status).length;
  logger.info('Batch issued', { created: count('created'), rejected: count('rejected'), failed: count('failed') });
  return ok({ summary: { created: count('created'), rejected: count('rejected'), failed: count('failed') }, results });
});
