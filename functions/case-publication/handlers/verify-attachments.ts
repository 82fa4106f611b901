import type { S3Event } from 'aws-lambda';
import { loggerFor } from '../../../shared/http/observability';
import { verifyUpload } from '../app/attachments';

const logger = loggerFor('case-publication');

/**
 * Object-created notifications for `cases/`: each upload (and overwrite) is checked against what
 * was declared for it. An error propagates, so Lambda's retries (then the failure queue) take over.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    // Keys arrive URL-encoded, spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const outcome = await verifyUpload(key, logger);
    logger.info('Attachment upload checked', { key, outcome });
  }
};
