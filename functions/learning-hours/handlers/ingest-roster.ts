import type { S3Event } from 'aws-lambda';
import { loggerFor, observed } from '../../../shared/http/observability';
import { piiHashKey } from '../../../shared/pii/keyed-hash';
import { ingestRoster } from '../app/roster-uploads';
import { uploadOfKey } from '../core/roster-upload';

const logger = loggerFor('learning-hours');

/**
 * Object-created notifications for `uploads/`: ingests each roster. An error propagates so
 * Lambda's asynchronous retries (and then the failure destination) take over; a repeated
 * delivery finds the job claimed or done and changes nothing.
 */
export const handler = observed('learning-hours', async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    // Keys arrive URL-encoded, spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const upload = uploadOfKey(key);
    if (!upload) {
      logger.warn('Object outside any roster upload ignored', { key });
      continue;
    }
    const outcome = await ingestRoster(upload.institutionId, upload.uploadId, await piiHashKey(), logger);
    logger.info('Roster notification handled', { ...upload, outcome });
  }
});
