import { httpHandler } from '../../../shared/http/handler';
import { healthRoute } from '../routes';
import { probeDynamoDb, probeS3 } from '../store/probes';

export const handler = httpHandler(healthRoute, async () => {
  const [dynamodb, s3] = await Promise.all([probeDynamoDb(), probeS3()]);
  const healthy = dynamodb.ok && s3.ok;
  return {
    status: healthy ? 200 : 503,
    body: { status: healthy ? 'ok' : 'degraded', checks: { dynamodb, s3 } },
    headers: { 'cache-control': 'no-store', ...(healthy ? {} : { 'retry-after': '5' }) },
  };
});
