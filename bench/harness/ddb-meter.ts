import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/*
 * Counts the DynamoDB calls the handlers make and the capacity DynamoDB says they consumed.
 * The local runtime runs handlers in this process, so an instrumented client installed with
 * setDynamoClient() (shared/ddb/client.ts) sees every call they make through documentClient(),
 * including the Powertools idempotency layer, which is handed the same client.
 */

/** Commands that accept ReturnConsumedCapacity, split by which kind of unit they consume. */
const READ_COMMANDS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITE_COMMANDS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export type CommandKind = 'read' | 'write';

export function commandKind(commandName: string | undefined): CommandKind | undefined {
  const name = commandName?.replace(/Command$/, '') ?? '';
  if (READ_COMMANDS.has(name)) return 'read';
  if (WRITE_COMMANDS.has(name)) return 'write';
  return undefined;
}

export interface Units {
  read: number;
  write: number;
}

/**
 * Sums ConsumedCapacity, an object for single-item calls and an array for batch and transaction
 * calls. DynamoDB may split units into Read/WriteCapacityUnits; when it only gives CapacityUnits,
 * the command's kind says which they are. Returns undefined when there is no capacity at all.
 */
export function unitsOf(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, kind: CommandKind): Units | undefined {
  if (consumed === undefined) return undefined;
  const entries = Array.isArray(consumed) ? consumed : [consumed];
  if (entries.length === 0) return undefined;
  const units: Units = { read: 0, write: 0 };
  for (const entry of entries) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      units.read += entry.ReadCapacityUnits ?? 0;
      units.write += entry.WriteCapacityUnits ?? 0;
    } else {
      units[kind] += entry.CapacityUnits ?? 0;
    }
  }
  return units;
}

export interface MeterSnapshot {
  calls: number;
  /** Successful calls of a command that accepts ReturnConsumedCapacity. */
  eligible: number;
  /** Of those, how many came back with a ConsumedCapacity. */
  reported: number;
  readUnits: number;
  writeUnits: number;
}

export interface PerOp {
  ddbCallsPerOp: number;
  readUnitsPerOp: number | null;
  writeUnitsPerOp: number | null;
  /** Eligible calls that came back without ConsumedCapacity in the window. */
  unreported: number;
}

export function difference(after: MeterSnapshot, before: MeterSnapshot): MeterSnapshot {
  return {
    calls: after.calls - before.calls,
    eligible: after.eligible - before.eligible,
    reported: after.reported - before.reported,
    readUnits: after.readUnits - before.readUnits,
    writeUnits: after.writeUnits - before.writeUnits,
  };
}

export function add(a: MeterSnapshot, b: MeterSnapshot): MeterSnapshot {
  return {
    calls: a.calls + b.calls,
    eligible: a.eligible + b.eligible,
    reported: a.reported + b.reported,
    readUnits: a.readUnits + b.readUnits,
    writeUnits: a.writeUnits + b.writeUnits,
  };
}

/** Units are null unless every eligible call reported them: a partial sum would understate. */
export function perOp(window: MeterSnapshot, operations: number): PerOp {
  if (!(operations > 0)) throw new Error(`operations must be positive, got ${operations}`);
  const unreported = window.eligible - window.reported;
  const complete = unreported === 0;
  return {
    ddbCallsPerOp: window.calls / operations,
    readUnitsPerOp: complete ? window.readUnits / operations : null,
    writeUnitsPerOp: complete ? window.writeUnits / operations : null,
    unreported,
  };
}

/** What a filter sees of a call: the command (e.g. 'BatchWriteItemCommand') and its input. */
export interface CallInfo {
  commandName: string;
  input: unknown;
}

/** Picks out calls by what they are, e.g. a background consumer's writes. Must not throw. */
export type CallFilter = (call: CallInfo) => boolean;

/** A running count of only the calls a filter selects (they still count in the meter's totals). */
export interface MeterSubset {
  snapshot(): MeterSnapshot;
  stop(): void;
}

const emptySnapshot = (): MeterSnapshot => ({ calls: 0, eligible: 0, reported: 0, readUnits: 0, writeUnits: 0 });

function matches(filter: CallFilter, call: CallInfo): boolean {
  try {
    return filter(call);
  } catch {
    return false;
  }
}

export class DdbMeter {
  private totals: MeterSnapshot = emptySnapshot();
  private readonly subsets = new Set<{ filter: CallFilter; totals: MeterSnapshot }>();

  /**
   * The client the handlers will use. Built on demand, after startLocalRuntime() has set
   * AWS_ENDPOINT_URL_DYNAMODB and the region, so the SDK picks the endpoint up from the
   * environment exactly as shared/ddb/client.ts does.
   */
  createClient(): DynamoDBClient {
    return this.instrument(new DynamoDBClient({ maxAttempts: Number(process.env.DDB_MAX_ATTEMPTS ?? 3) }));
  }

  /** Adds the metering middleware to a client; all clients instrumented by one meter share its totals. */
  instrument(client: DynamoDBClient): DynamoDBClient {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const kind = commandKind(context.commandName);
        const call: CallInfo = { commandName: context.commandName ?? '', input: args.input };
        // The meter's totals, and those of every subset whose filter selects this call.
        const counters = [this.totals, ...[...this.subsets].filter((s) => matches(s.filter, call)).map((s) => s.totals)];
        // 'initialize' runs once per send(), before retries, so this counts logical calls.
        for (const c of counters) c.calls += 1;
        const input = kind ? { ...args.input, ReturnConsumedCapacity: 'TOTAL' } : args.input;
        const result = await next({ ...args, input: input as typeof args.input });
        if (kind) {
          const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
          const units = unitsOf(output.ConsumedCapacity, kind);
          for (const c of counters) {
            c.eligible += 1;
            if (units) {
              c.reported += 1;
              c.readUnits += units.read;
              c.writeUnits += units.write;
            }
          }
        }
        return result;
      },
      { step: 'initialize', name: 'benchDdbMeter', override: true },
    );
    return client;
  }

  snapshot(): MeterSnapshot {
    return { ...this.totals };
  }

  /**
   * Starts counting, on the side, the calls `filter` selects from now on, e.g. a background
   * consumer's writes that land in an operation's window, so they can be told apart from it.
   */
  track(filter: CallFilter): MeterSubset {
    const entry = { filter, totals: emptySnapshot() };
    this.subsets.add(entry);
    return { snapshot: () => ({ ...entry.totals }), stop: () => void this.subsets.delete(entry) };
  }
}
