import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { addStaff, existingEmployer, requireOwnEmployer } from '../app/employers';
import { addStaffRoute } from '../routes';

/** An employer's HR department puts people on its staff list; ID numbers travel only in the body. */
export const handler = httpHandler(addStaffRoute, async ({ params, body, principal }) => {
  requireOwnEmployer(principal!, params.id);
  const employer = await existingEmployer(params.id);
  const results = await addStaff(employer, body.items, principal!, await piiHashKey());
  const summary = { created: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const r of results) summary[r.status] += 1;
  return ok({ summary, results }, { 'cache-control': 'no-store' });
});
