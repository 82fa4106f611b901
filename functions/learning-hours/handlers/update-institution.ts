import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { institutionView } from '../app/views';
import { updateInstitutionRoute } from '../routes';
import { updateInstitution } from '../store/institutions';

export const handler = httpHandler(updateInstitutionRoute, async ({ params, body, principal }) => {
  const { reason, ...changes } = body;
  const action = changes.status ? `STATUS_${changes.status}` : 'UPDATED';
  const updated = await updateInstitution(params.id, changes, { action, at: new Date().toISOString(), by: principal!.label, ...(reason ? { reason } : {}) });
  if (!updated) throw problems.notFound(text('未找到该培训机构。', 'No such institution.'));
  return ok(institutionView(updated));
});
