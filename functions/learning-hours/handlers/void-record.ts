import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { requireOwnInstitution } from '../app/access';
import { voidRecordRoute } from '../routes';
import { voidRecord } from '../store/records';

export const handler = httpHandler(voidRecordRoute, async ({ params, body, principal }) => {
  requireOwnInstitution(principal!, params.id);
  const result = await voidRecord(params.id, params.recordId, { at: new Date().toISOString(), by: principal!.label, reason: body.reason });
  if (result.outcome === 'not-found') throw problems.notFound('No such record of this institution.');
  if (result.outcome === 'already-void') throw problems.conflict('The record is already voided.');
  const { personId: _personId, contentHash: _hash, ...record } = result.record;
  return ok(record);
});
