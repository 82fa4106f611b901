import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { personCompliance } from '../app/compliance';
import { lookupsOf } from '../app/person-lookups';
import { pageRecordLists } from '../app/record-pages';
import { myHoursRoute } from '../routes';

/** A professional, identified by the keyed hash in their token, sees their own hours and who looked them up. */
export const handler = httpHandler(myHoursRoute, async ({ query, principal }) => {
  if (!principal?.personId) throw problems.forbidden(text('您的令牌未包含个人身份信息。', 'Your token carries no person identity.'));
  const [compliance, lookups] = await Promise.all([personCompliance(principal.personId, query, undefined), lookupsOf(principal.personId)]);
  return ok({ ...pageRecordLists(compliance, query, 'query'), lookups }, { 'cache-control': 'no-store' });
});
