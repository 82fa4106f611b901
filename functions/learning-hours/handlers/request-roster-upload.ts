import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { postingInstitution, requireOwnInstitution } from '../app/access';
import { requestRosterUpload } from '../app/roster-uploads';
import { requestRosterUploadRoute } from '../routes';

export const handler = httpHandler(requestRosterUploadRoute, async ({ params, principal }) => {
  requireOwnInstitution(principal!, params.id);
  await postingInstitution(params.id);
  const { upload, uploadUrl, expiresAt } = await requestRosterUpload(params.id, principal!);
  return created({ uploadId: upload.uploadId, uploadUrl, expiresAt, status: upload.status }, `/institutions/${params.id}/roster-uploads/${upload.uploadId}`);
});
