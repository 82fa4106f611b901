import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { requireOwnEmployer, staffMemberView } from '../app/employers';
import { removeStaffRoute } from '../routes';
import { removeStaffMember } from '../store/employers';

/** A person who left: off the list, and judged by the national policy again. */
export const handler = httpHandler(removeStaffRoute, async ({ params, principal }) => {
  requireOwnEmployer(principal!, params.id);
  const removed = await removeStaffMember(params.id, params.staffId);
  if (!removed) throw problems.notFound(text('此人不在本单位人员名单中。', 'This person is not on the staff list.'));
  return ok(staffMemberView(removed));
});
