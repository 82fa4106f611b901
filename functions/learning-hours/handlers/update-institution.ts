import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { institutionView } from '../app/views';
import { updateInstitutionRoute } from '../routes';
import { updateInstitution } from '../store/institutions';

export const handler = httpHandler(updateInstitutionRoute, async ({ params, body, principal }) => {
  const { reason, ...changes } = body;
  const action = changes.status ? `STATUS_${changes.status}` : 'UPDATED';
  const updated = await updateInstitution(params.id, changes, { action, at: new Date().toISOString(), by: principal!.label, ...(reason ? { reason } : {}) });
  if (!updated) throw problems.notFound('No such institution.');
  return ok(institutionView(updated));
});
