import { DynamoDBClient, ProvisionedThroughputExceededException, ScanCommand } from '@aws-sdk/client-dynamodb';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/*
 * Fault injection for the fault suite: real SDK clients for DynamoDB Local and the local S3,
 * with one middleware that fails chosen calls. The middleware sits in the finalizeRequest step
 * at low priority, i.e. INSIDE the SDK's retry middleware: every attempt the SDK makes fails,
 * so what the application finally sees is the error "after SDK retries" (attempts are counted
 * to prove the SDK did retry). It throws before the request is sent, so a failed call has
 * certainly not been applied: the test then checks the application left nothing behind
 * either (e.g. the S3 body written, then the DynamoDB item failing).
 */

export type FaultKind = 'throttle' | 'timeout' | 's3-unavailable' | 'crash';

export interface FaultRule {
  kind: FaultKind;
  /** SDK command names, e.g. 'TransactWriteItemsCommand'. */
  commands: string[];
  /** Only calls on this table or bucket (any table of a transaction / batch). */
  resource: string;
  /** Only calls whose input this accepts. */
  when?: (input: Record<string, unknown>) => boolean;
  /** Fail after the call was applied (the answer is lost), instead of before sending it. */
  afterSend?: boolean;
}

/** The write commands of DynamoDB: a rule for "every write to the table". */
export const DDB_WRITES = ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand'];

function resourcesOf(input: Record<string, unknown>): string[] {
  const names: string[] = [];
  if (typeof input.TableName === 'string') names.push(input.TableName);
  if (typeof input.Bucket === 'string') names.push(input.Bucket);
  if (input.RequestItems && typeof input.RequestItems === 'object') names.push(...Object.keys(input.RequestItems));
  for (const item of (input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? []) {
    for (const op of Object.values(item)) if (op?.TableName) names.push(op.TableName);
  }
  return names;
}

function faultFor(kind: FaultKind): Error {
  switch (kind) {
    case 'throttle':
      return new ProvisionedThroughputExceededException({ message: 'Injected: the level of configured provisioned throughput for the table was exceeded', $metadata: { httpStatusCode: 400 } });
    case 'timeout':
      // What @smithy/node-http-handler throws when a socket times out.
      return Object.assign(new Error('Injected: connection timed out after 1000 ms'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    case 'crash':
      // Not an AWS error: what the function sees when its runtime dies under it.
      return new Error('Injected: Runtime.ExitError (the process died)');
    case 's3-unavailable':
      return new S3ServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'Injected: please reduce your request rate.' });
  }
}

export class FaultInjector {
  private rule: FaultRule | undefined;
  /** SDK attempts that hit the armed rule (retries included). */
  attempts = 0;

  arm(rule: FaultRule): void {
    this.rule = rule;
    this.attempts = 0;
  }

  clear(): void {
    this.rule = undefined;
  }

  /** Runs `work` with the rule armed, clearing it afterwards whatever happens. */
  async during<T>(rule: FaultRule, work: () => Promise<T>): Promise<T> {
    this.arm(rule);
    try {
      return await work();
    } finally {
      this.clear();
    }
  }

  private install<C extends DynamoDBClient | S3Client>(client: C): C {
    (client.middlewareStack as DynamoDBClient['middlewareStack']).add(
      (next, context) => async (args) => {
        const rule = this.rule;
        const input = args.input as Record<string, unknown>;
        if (rule && rule.commands.includes(context.commandName ?? '') && resourcesOf(input).includes(rule.resource) && (rule.when?.(input) ?? true)) {
          this.attempts += 1;
          if (rule.afterSend) await next(args);
          throw faultFor(rule.kind);
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'faultSuiteInjector' },
    );
    return client;
  }

  /** A DynamoDB client as the functions build one (3 attempts), with the injector inside its retries. */
  dynamo(): DynamoDBClient {
    return this.install(new DynamoDBClient({ maxAttempts: 3 }));
  }

  s3(): S3Client {
    return this.install(new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', maxAttempts: 3 }));
  }
}

/** Every item of a table, keyed by pk|sk, read with a clean client (strongly consistent). */
export async function snapshot(table: string): Promise<Map<string, Record<string, unknown>>> {
  const client = new DynamoDBClient({});
  const items = new Map<string, Record<string, unknown>>();
  let start: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const raw of page.Items ?? []) {
      // The serial counter's record of its last allocation (certificates store: allocateSerials) is
      // bookkeeping, not data: a block handed back restores `last`, the serial that counts.
      const { allocationToken: _token, allocatedFrom: _from, ...item } = unmarshall(raw);
      items.set(`${String(item.pk)}|${String(item.sk)}`, item);
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  client.destroy();
  return items;
}

/** What changed between two snapshots: keys added, removed, and changed. */
export function diff(before: Map<string, Record<string, unknown>>, after: Map<string, Record<string, unknown>>) {
  const added = [...after.keys()].filter((k) => !before.has(k)).sort();
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
  const changed = [...after.keys()].filter((k) => before.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k))).sort();
  return { added, removed, changed };
}
