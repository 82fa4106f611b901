import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { requireOwnInstitution } from '../app/access';
import { voidRecordRoute } from '../routes';
import { voidRecord } from '../store/records';

export const handler = httpHandler(voidRecordRoute, async ({ params, body, principal }) => {
  requireOwnInstitution(principal!, params.id);
  const result = await voidRecord(params.id, params.recordId, { at: new Date().toISOString(), by: principal!.label, reason: body.reason });
  if (result.outcome === 'not-found') throw problems.notFound(text('本机构没有该学时记录。', 'No such record of this institution.'));
  if (result.outcome === 'already-void') throw problems.conflict(text('该记录已作废。', 'The record is already voided.'));
  // The keyed hashes (person, name, content) stay inside the platform: the answer is documented without them.
  const { personId: _personId, personNameHash: _nameHash, contentHash: _hash, ...record } = result.record;
  return ok(record);
});
