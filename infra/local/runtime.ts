import type { Server } from 'node:http';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { S3Event } from 'aws-lambda';
import { SERVICES } from '../../functions/services';
import { recordedResponseMismatches, responseValidationEnabled } from '../../shared/http/response-check';
import { adminEndpoint } from './admin-endpoint';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { LocalEventBus } from './event-bus';
import { FailureDestination } from './failure-destination';
import { startGateway, type LocalEndpoint } from './gateway';
import { localPath } from './paths';
import { localClients, provision } from './provision';
import { dispatchS3Event, type S3Subscription } from './s3-notifications';
import { startS3Local, type S3Local } from './s3-local';
import { LogTap } from './log-tap';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localPublicJwk, localSecretValues } from './secrets';
import { Checkpoints, StreamPoller } from './stream-poller';

export interface RuntimeOptions {
  port: number;
  host?: string;
  /** Keep nothing on disk: DynamoDB Local in memory, S3 in a temporary folder. */
  inMemory?: boolean;
  logLevel?: string;
  /** Print log lines that a log subscription consumes (the audit trail) as well. */
  verbose?: boolean;
}

export interface LocalRuntime {
  url: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  failures: FailureDestination;
  pollers: StreamPoller[];
  stop(): Promise<void>;
}

const STAGE = 'local';

function json(body: unknown): [number, Record<string, string>, string] {
  return [200, { 'content-type': 'application/json' }, JSON.stringify(body, null, 2)];
}

/**
 * Runs the whole platform on this machine: DynamoDB Local and a local S3, every table and
 * bucket, the HTTP API, the stream mappings and the S3 notifications, from SERVICES.
 */
export async function startLocalRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const started: { dynamo?: DynamoDbLocal; s3?: S3Local; server?: Server; pollers: StreamPoller[]; logTap?: LogTap; bus?: LocalEventBus } = { pollers: [] };
  const stop = async () => {
    await Promise.all(started.pollers.map((p) => p.stop()));
    await started.logTap?.stop();
    await started.bus?.stop();
    // Drop idle keep-alive connections too, or close() would wait for clients to hang up.
    const closed = new Promise<void>((resolve) => (started.server ? started.server.close(() => resolve()) : resolve()));
    started.server?.closeAllConnections();
    await closed;
    await started.s3?.stop();
    await started.dynamo?.stop();
  };
  try {
    started.dynamo = await startDynamoDbLocal({ dataDir: options.inMemory ? undefined : localPath('dynamodb') });
    started.s3 = await startS3Local({ dataDir: options.inMemory ? undefined : localPath('s3') });
    const clients = localClients(started.dynamo.endpoint, started.s3.endpoint);
    const names = await provision(SERVICES, STAGE, clients.ddb, clients.s3);

    // Handlers read the same variables as in AWS; the SDK's endpoint variables point them here.
    Object.assign(process.env, {
      ...names.env,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: started.dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: started.s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_DEV: 'false',
      LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'WARN',
      ...(await localSecretValues()),
      // Public routes check an optional bearer token themselves, against the local issuer's keys.
      JWT_ISSUER: LOCAL_ISSUER,
      JWT_AUDIENCE: LOCAL_AUDIENCE,
      // No CloudFront locally: the HTTP envelope's origin check is off, said so rather than defaulted.
      ORIGIN_VERIFICATION: 'none',
      STAGE,
    });

    const failures = new FailureDestination(options.inMemory ? undefined : localPath('failures.jsonl'));
    // The event bus is up before any stream publisher runs: they put events from the first record on.
    started.bus = new LocalEventBus(SERVICES.flatMap((s) => s.eventConsumers ?? []), failures, options.inMemory ? undefined : localPath('events.jsonl'));
    Object.assign(process.env, { AWS_ENDPOINT_URL_EVENTBRIDGE: await started.bus.start(), EVENT_BUS_NAME: `tsp-${STAGE}` });
    const checkpoints = new Checkpoints(options.inMemory ? undefined : localPath('stream-checkpoints.json'));
    const streams = new DynamoDBStreamsClient({ endpoint: started.dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    for (const service of SERVICES) {
      for (const consumer of service.streamConsumers) {
        const poller = new StreamPoller({ consumer, tableName: names.tables[consumer.table.id]!, ddb: clients.ddb, streams, failures, checkpoints });
        poller.start();
        started.pollers.push(poller);
      }
    }

    started.logTap = new LogTap(SERVICES.flatMap((s) => s.logSubscriptions ?? []), failures, options.verbose ?? false);
    started.logTap.start();

    const subscriptions: S3Subscription[] = SERVICES.flatMap((s) => s.s3Triggers.map((trigger) => ({ trigger, bucketName: names.buckets[trigger.bucket.id]! })));
    started.s3.events.on('event', (event: S3Event) => void dispatchS3Event(event, subscriptions, failures));

    const localEndpoints: LocalEndpoint[] = [
      // Both show names and masked ID numbers: admins only (an admin token, as `npm run token -- admin`).
      adminEndpoint('/_local/failures', () => ({ failures: failures.records })),
      // Test mode (TSP_VALIDATE_RESPONSES=true): answers that did not match their route's documented responses (issue 13 item 11).
      adminEndpoint('/_local/response-mismatches', () => ({ enabled: responseValidationEnabled(), mismatches: recordedResponseMismatches() })),
      adminEndpoint('/_local/events', (url) => {
        const after = Number(url.searchParams.get('after') ?? 0);
        return { events: started.bus!.log.filter((line) => line.seq > after) };
      }),
      async (_req, res, url) => {
        if (url.pathname !== '/_local/jwks.json') return false;
        const [status, headers, body] = json({ keys: [{ ...(await localPublicJwk()), use: 'sig' }] });
        res.writeHead(status, headers).end(body);
        return true;
      },
    ];
    const routes = SERVICES.flatMap((s) => s.routes);
    started.server = await startGateway({ routes, port: options.port, host: options.host, localEndpoints });
    const address = started.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
    process.env.JWT_JWKS_URL = `${url}/_local/jwks.json`;
    process.env.PUBLIC_BASE_URL ??= url;
    return {
      url,
      dynamoEndpoint: started.dynamo.endpoint,
      s3Endpoint: started.s3.endpoint,
      failures,
      pollers: started.pollers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
