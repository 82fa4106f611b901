import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Scenario } from '../harness/types';

/** A request that hangs must fail the run, not stall it. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * GET /public/health over real loopback HTTP (gateway, middy envelope, a DynamoDB GetItem and an
 * S3 HeadObject in parallel) against the cheapest thing it does: the same GetItem sent raw.
 * The ratio is therefore the cost of everything around the DynamoDB read.
 */
export const healthScenario: Scenario = {
  name: 'health',
  description: 'GET /public/health over HTTP vs a raw GetItem of the same key',
  async run(ctx) {
    const tableName = process.env.IDEMPOTENCY_TABLE;
    if (!tableName) throw new Error('IDEMPOTENCY_TABLE is not set: start the local runtime first');
    // Same metering middleware as the handlers' client, so both sides ask for ConsumedCapacity alike.
    const raw = ctx.meter.instrument(new DynamoDBClient({}));
    const healthUrl = new URL('/public/health', ctx.url).href;
    try {
      const row = await ctx.compare({
        baseline: {
          name: 'GetItem (raw SDK)',
          async run() {
            await raw.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: '__health__' } } }), { abortSignal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          },
        },
        operation: {
          name: 'GET /public/health',
          async run() {
            const response = await fetch(healthUrl, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
            // Read the body to the end so the keep-alive socket goes back to the pool.
            const body = await response.text();
            if (response.status !== 200) throw new Error(`GET /public/health answered ${response.status}: ${body.slice(0, 200)}`);
          },
        },
      });
      return [row];
    } finally {
      raw.destroy();
    }
  },
};
