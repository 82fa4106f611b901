import { optionalCaller } from '../../../shared/auth/optional-caller';
import { httpHandler } from '../../../shared/http/handler';
import { renderText } from '../../../shared/http/messages';
import { ok } from '../../../shared/http/responses';
import { chargeLookups } from '../../../shared/rate-limit/lookup-budget';
import { logVerification } from '../app/audit';
import { namesMatch } from '../core/names';
import { NUMBER_PROBLEM_MESSAGES, parseCertificateNumber } from '../core/number';
import { publicView } from '../core/public-view';
import { getCertificates } from '../store/certificates';
import { verifyBatchRoute } from '../routes';

/**
 * Up to 50 pairs in one BatchGetItem; each pair answered by the same rules as a single lookup and
 * charged as one: the whole batch is refused (429, nothing looked up or logged) if it does not fit.
 */
export const handler = httpHandler(verifyBatchRoute, async ({ body, event, language }) => {
  const caller = await optionalCaller(event);
  await chargeLookups(event, caller, body.items.length);
  const parsed = body.items.map((item) => ({ item, parsed: parseCertificateNumber(item.number) }));
  const numbers = parsed.flatMap(({ parsed: p }) => (p.ok ? [p.number] : []));
  const found = numbers.length ? await getCertificates(numbers) : new Map();
  const results = parsed.map(({ item, parsed: p }) => {
    if (!p.ok) return { number: item.number, result: 'INVALID_NUMBER' as const, detail: renderText(NUMBER_PROBLEM_MESSAGES[p.problem], language) };
    const cert = found.get(p.number);
    if (!cert || !namesMatch(cert.holderName, item.name)) return { number: p.number, result: 'NOT_FOUND' as const };
    logVerification(p.number, 'batch', caller);
    return { number: p.number, result: 'FOUND' as const, certificate: publicView(cert) };
  });
  return ok({ results }, { 'cache-control': 'no-store' });
});
