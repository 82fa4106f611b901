import { httpHandler } from '../../../shared/http/handler';
import { renderFieldErrors } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { addStaff, existingEmployer, requireOwnEmployer } from '../app/employers';
import { addStaffRoute } from '../routes';

/** An employer's HR department puts people on its staff list; ID numbers travel only in the body. */
export const handler = httpHandler(addStaffRoute, async ({ params, body, principal, language }) => {
  requireOwnEmployer(principal!, params.id);
  const employer = await existingEmployer(params.id);
  const results = await addStaff(employer, body.items, principal!, await piiHashKey(), language);
  const summary = { created: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const r of results) summary[r.status] += 1;
  // Item errors in the caller's language, like a problem's.
  const rendered = results.map((r) => ('errors' in r && r.errors ? { ...r, errors: renderFieldErrors(r.errors, language) } : r));
  return ok({ summary, results: rendered }, { 'cache-control': 'no-store' });
});
