import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { observed } from '../../../shared/http/observability';
import { verificationsFromLogLines } from '../core/verification-log';
import { putVerifications } from '../store/verifications';

/**
 * The other end of the verification audit trail: a CloudWatch Logs subscription (locally, the
 * runtime's log tap) delivers the verify functions' audit lines; each becomes a record next
 * to its certificate. Records carry their own id, so a redelivered batch overwrites itself.
 */
export const handler = observed('certificates', async (event: CloudWatchLogsEvent): Promise<void> => {
  const data = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as CloudWatchLogsDecodedData;
  if (data.messageType !== 'DATA_MESSAGE') return;
  const records = verificationsFromLogLines(data.logEvents.map((e) => e.message));
  if (records.length) await putVerifications(records);
});
