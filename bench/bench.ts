import { cpus } from 'node:os';
import { freePort } from '../infra/local/free-port';
import { startLocalRuntime } from '../infra/local/runtime';
import { setDynamoClient } from '../shared/ddb/client';
import { compare } from './harness/compare';
import { DdbMeter } from './harness/ddb-meter';
import { DEFAULT_SETTINGS } from './harness/settings';
import type { LoopSettings } from './harness/timing';
import { isFigure } from './harness/figures';
import type { BenchResult, BenchRow, FigureRow, Scenario, ScenarioContext } from './harness/types';
import { SCENARIOS } from './scenarios';

export interface BenchOptions extends Partial<LoopSettings> {
  /** Scenarios to run; all registered ones by default. */
  scenarios?: Scenario[];
  /** Progress lines as scenarios start; silent by default so tests stay quiet. */
  log?: (line: string) => void;
}

/** The anonymous lookup budget of the bench's platform (LOOKUPS_PER_5_MIN_ANONYMOUS overrides it). */
const BENCH_ANONYMOUS_LOOKUPS = 100_000_000;

/**
 * Starts the whole platform in this process (DynamoDB Local in memory, local S3), installs the
 * metered DynamoDB client, runs the scenarios one after another and stops everything again.
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const iterations = options.iterations ?? DEFAULT_SETTINGS.iterations;
  const settings: LoopSettings = {
    iterations,
    warmup: options.warmup ?? Math.max(1, Math.round(iterations / 10)),
    concurrency: options.concurrency ?? DEFAULT_SETTINGS.concurrency,
  };
  const scenarios = options.scenarios ?? SCENARIOS;
  const log = options.log ?? (() => {});
  const started = new Date();

  // The scenarios look certificates up from one address far more than 600 times in 5 minutes (the
  // anonymous lookup budget npm start enforces): measured here is the lookup, not the 429.
  process.env.LOOKUPS_PER_5_MIN_ANONYMOUS ??= String(BENCH_ANONYMOUS_LOOKUPS);
  const runtime = await startLocalRuntime({ port: await freePort(), inMemory: true });
  const rows: BenchRow[] = [];
  const figures: FigureRow[] = [];
  const scenarioNotes: string[] = [];
  let unreported = 0;
  let streamConsumersStopped = false;
  try {
    // After startLocalRuntime (it sets the endpoint variables), before the first request
    // (handlers create their client lazily on first use and keep it).
    const meter = new DdbMeter();
    const client = meter.createClient();
    setDynamoClient(client);
    try {
      for (const scenario of scenarios) {
        log(`running ${scenario.name}: ${scenario.description}`);
        const compareInDetail: ScenarioContext['compareInDetail'] = async (comparison) => {
          const { unreported: missing, ...detail } = await compare(scenario.name, comparison, settings, meter);
          unreported += missing;
          return detail;
        };
        const ctx: ScenarioContext = {
          url: runtime.url,
          settings,
          meter,
          compareInDetail,
          async compare(comparison) {
            return (await compareInDetail(comparison)).row;
          },
          note: (text) => void scenarioNotes.push(`${scenario.name}: ${text}`),
          async stopStreamConsumers() {
            if (streamConsumersStopped) return;
            streamConsumersStopped = true;
            await Promise.all(runtime.pollers.map((poller) => poller.stop()));
            scenarioNotes.push(`DynamoDB stream consumers (PDF rendering) were stopped from ${scenario.name} on: in AWS they run in their own containers, here they would share the CPU with the measured requests.`);
          },
        };
        for (const row of await scenario.run(ctx)) {
          if (isFigure(row)) figures.push(row);
          else rows.push(row);
        }
      }
    } finally {
      setDynamoClient(undefined);
      client.destroy();
    }
  } finally {
    await runtime.stop();
  }

  const finished = new Date();
  const notes: string[] = [
    'ddb calls/op counts DynamoDB calls by the handlers (through shared/ddb/client) in the measured window, including the idempotency layer; S3 calls are not counted.',
  ];
  if (unreported > 0) {
    notes.push(
      `RCU/op and WCU/op are n/a: DynamoDB Local returned no ConsumedCapacity for ${unreported} metered call(s). Units are reported only as DynamoDB returns them, never estimated.`,
    );
  } else {
    notes.push('RCU/op and WCU/op are the ConsumedCapacity DynamoDB Local returned (ReturnConsumedCapacity=TOTAL), not billed figures.');
  }
  return {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    environment: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length },
    settings,
    scenarios: scenarios.map(({ name, description }) => ({ name, description })),
    rows,
    figures,
    notes: [...notes, ...scenarioNotes],
  };
}
