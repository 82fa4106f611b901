import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventConsumerDefinition } from '../../shared/service/definitions';
import type { FailureDestination } from './failure-destination';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';

/** EventBridge retries a target with backoff; locally a short, bounded version of that. */
const DELIVERY_ATTEMPTS = 3;

interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName?: string;
  Time?: number;
}

export interface EventLogLine {
  seq: number;
  at: string;
  type: string;
  source: string;
  id: string;
  /** Consumer ids the rules matched, and how each delivery ended. */
  deliveries: Record<string, 'pending' | 'delivered' | 'failed'>;
}

/**
 * The platform's event bus on this machine: a PutEvents endpoint the SDK is pointed at
 * (AWS_ENDPOINT_URL_EVENTBRIDGE), the same rules as the CDK stage (one per event consumer,
 * matching detail-types), asynchronous delivery with retries, and the failure destination when
 * they run out. Every event and delivery is logged for `npm run events` to show.
 */
export class LocalEventBus {
  readonly log: EventLogLine[] = [];
  private server?: Server;
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly consumers: EventConsumerDefinition[],
    private readonly failures: FailureDestination,
    private readonly file?: string,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        if (target !== 'AWSEvents.PutEvents') {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'UnknownOperationException', message: `Only PutEvents is emulated, not ${target}` }));
          return;
        }
        const { Entries = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Entries?: PutEventsEntry[] };
        const results = Entries.map((entry) => ({ EventId: this.accept(entry) }));
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ FailedEntryCount: 0, Entries: results }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits for deliveries under way (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.deliveries.size) await Promise.allSettled([...this.deliveries]);
  }

  async stop(): Promise<void> {
    await this.drain();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(entry: PutEventsEntry): string {
    const eventId = randomUUID();
    const detail = JSON.parse(entry.Detail) as { id?: string };
    const event = {
      version: '0',
      id: eventId,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: new Date(entry.Time ? entry.Time * 1000 : Date.now()).toISOString(),
      region: 'us-east-1',
      resources: [],
      detail,
    };
    const matched = this.consumers.filter((c) => c.events.includes(entry.DetailType));
    const line: EventLogLine = {
      seq: this.log.length + 1,
      at: new Date().toISOString(),
      type: entry.DetailType,
      source: entry.Source,
      id: String(detail.id ?? eventId),
      deliveries: Object.fromEntries(matched.map((c) => [`${c.service}.${c.id}`, 'pending' as const])),
    };
    this.log.push(line);
    this.persist(line);
    for (const consumer of matched) {
      const delivery = this.deliver(consumer, event, line).finally(() => this.deliveries.delete(delivery));
      this.deliveries.add(delivery);
    }
    return eventId;
  }

  private async deliver(consumer: EventConsumerDefinition, event: unknown, line: EventLogLine): Promise<void> {
    const name = `${consumer.service}.${consumer.id}`;
    let lastError = '';
    for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
      try {
        const handler = await loadHandler(consumer.handler);
        await handler(event, lambdaContext(`tsp-local-${consumer.id}`, consumer.timeoutSeconds ?? 30));
        line.deliveries[name] = 'delivered';
        this.persist({ ...line, deliveries: { [name]: 'delivered' } });
        return;
      } catch (error) {
        lastError = (error as Error).message;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    line.deliveries[name] = 'failed';
    this.persist({ ...line, deliveries: { [name]: 'failed' } });
    this.failures.put({ at: new Date().toISOString(), source: 'eventbridge', consumer: name, attempts: DELIVERY_ATTEMPTS, error: lastError, payload: event });
  }

  private persist(line: EventLogLine): void {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}
