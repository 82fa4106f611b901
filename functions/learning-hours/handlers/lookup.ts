import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { personCompliance } from '../app/compliance';
import { lookupNameCheck } from '../app/person-lookups';
import { pageRecordLists } from '../app/record-pages';
import { lookupRoute } from '../routes';

/**
 * HR departments look a person up by ID number and full name in the body (never in a URL or a
 * log); a wrong name answers like an unknown ID number, and a match is logged for the person.
 */
export const handler = httpHandler(lookupRoute, async ({ body, principal }) => {
  const piiKey = await piiHashKey();
  const personId = personIdForDocument(documentOf(body), piiKey);
  const nameCheck = lookupNameCheck(personId, body.name, piiKey, principal!);
  return ok(pageRecordLists(await personCompliance(personId, body, body.region, nameCheck), body, 'body'), { 'cache-control': 'no-store' });
});
