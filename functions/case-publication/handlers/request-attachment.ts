import { httpHandler } from '../../../shared/http/handler';
import { created } from '../../../shared/http/responses';
import { requestAttachment } from '../app/attachments';
import { requestAttachmentRoute } from '../routes';

export const handler = httpHandler(requestAttachmentRoute, async ({ params, body, principal }) => {
  const { attachment, uploadUrl } = await requestAttachment(principal!, params.id, body);
  return created(
    {
      attachmentId: attachment.id,
      uploadUrl,
      // Signed into the URL: a PUT without exactly these is refused.
      uploadHeaders: { 'content-type': attachment.contentType, 'content-length': String(attachment.size) },
      expiresAt: attachment.uploadExpiresAt,
      status: attachment.status,
    },
    `/cases/${params.id}/draft`,
  );
});
