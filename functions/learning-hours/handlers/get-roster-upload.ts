import { hasGroup } from '../../../shared/auth/principal';
import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { requireOwnInstitution } from '../app/access';
import { rosterUploadView } from '../app/roster-uploads';
import { getRosterUploadRoute } from '../routes';
import { getUpload } from '../store/roster-uploads';

export const handler = httpHandler(getRosterUploadRoute, async ({ params, principal, language }) => {
  if (!hasGroup(principal, 'admin')) requireOwnInstitution(principal!, params.id);
  const upload = await getUpload(params.id, params.uploadId);
  if (!upload) throw problems.notFound(text('本机构没有该名单上传任务。', 'No such roster upload of this institution.'));
  return ok(await rosterUploadView(upload, language));
});
