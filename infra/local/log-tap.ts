import { gzipSync } from 'node:zlib';
import type { LogSubscriptionDefinition } from '../../shared/service/definitions';
import type { FailureDestination } from './failure-destination';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';

/**
 * Stands in for CloudWatch Logs subscription filters: handlers run in this process, so their
 * structured log lines pass through stdout. Lines that a subscription selects are taken out
 * of the console and delivered, batched, in the CloudWatch Logs subscription event format
 * (gzip + base64) — the same bytes a Lambda subscribed in AWS receives.
 */
export class LogTap {
  private readonly pending = new Map<LogSubscriptionDefinition, string[]>();
  private timer?: NodeJS.Timeout;
  private readonly originalWrite = process.stdout.write.bind(process.stdout);
  private sequence = 0;
  /** Deliveries still running; awaited on stop so no audit line is lost. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly subscriptions: LogSubscriptionDefinition[],
    private readonly failures: FailureDestination,
    private readonly echo: boolean,
  ) {}

  start(): void {
    if (this.subscriptions.length === 0) return;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const kept = text.split('\n').filter((line) => !this.capture(line));
      const output = this.echo ? text : kept.join('\n');
      if (output.trim() === '') return true;
      return (this.originalWrite as (c: string, ...r: unknown[]) => boolean)(output, ...rest);
    }) as typeof process.stdout.write;
    this.timer = setInterval(() => this.flush(), 200);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.flush();
    await Promise.all(this.inFlight);
    process.stdout.write = this.originalWrite;
  }

  private capture(line: string): boolean {
    if (!line.startsWith('{')) return false;
    let captured = false;
    for (const subscription of this.subscriptions) {
      if (!line.includes(`"${subscription.match.field}"`)) continue;
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed[subscription.match.field] === subscription.match.value) {
          this.pending.set(subscription, [...(this.pending.get(subscription) ?? []), line]);
          captured = true;
        }
      } catch {
        // not JSON after all
      }
    }
    return captured;
  }

  private flush(): void {
    for (const [subscription, lines] of this.pending) {
      this.pending.delete(subscription);
      const delivery = this.deliver(subscription, lines).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  private async deliver(subscription: LogSubscriptionDefinition, lines: string[]): Promise<void> {
    const now = Date.now();
    const data = {
      messageType: 'DATA_MESSAGE',
      owner: '000000000000',
      logGroup: `/aws/lambda/tsp-local-${subscription.sourceOperations.join('+')}`,
      logStream: 'local',
      subscriptionFilters: [subscription.id],
      logEvents: lines.map((message) => ({ id: String(++this.sequence), timestamp: now, message })),
    };
    const event = { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
    let lastError = '';
    // CloudWatch Logs retries a failing subscription destination; so do we, then record it.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await (await loadHandler(subscription.handler))(event, lambdaContext(`tsp-local-${subscription.id}`, 60));
        return;
      } catch (error) {
        lastError = (error as Error).message;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    this.failures.put({ at: new Date().toISOString(), source: 'log-subscription', consumer: `${subscription.service}.${subscription.id}`, attempts: 3, error: lastError, payload: data });
  }
}
