import { percentile } from '../../../bench/harness/stats';

/*
 * Closed-loop load drivers: workers that send one request after another for a fixed time
 * (steady concurrency), or bursts of requests fired at once with a pause between them. Every
 * request is timed and counted by status; what the workload's own check accepts is collected.
 */

/** What one request came to: its HTTP status (0: no answer), and the ids it got accepted. */
export interface Outcome {
  status: number;
  /** Whether the workload counts the answer as accepted (a 2xx with the expected body). */
  accepted: boolean;
  ids?: readonly string[];
}

export interface LoadFigures {
  requests: number;
  accepted: number;
  /** Requests that were not accepted, by HTTP status ('0' when no answer came, 'body' for a 2xx with a wrong body). */
  errors: Record<string, number>;
  /** Requests answered with a 5xx (or not at all). */
  serverErrors: number;
  /** Requests sent first, one at a time, before the clock starts (handler imports, sockets); counted in everything but the latency figures. */
  warmup: number;
  wallMs: number;
  /** Completed measured requests per second of wall-clock time. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface LoadResult extends LoadFigures {
  /** Ids in the accepted answers (certificate numbers, record ids, need ids), in acceptance order. */
  acceptedIds: string[];
}

/** `worker` is the worker's number, `n` the request's, both from 0. */
export type Request = (worker: number, n: number) => Promise<Outcome>;

class Collector {
  readonly samples: number[] = [];
  readonly errors: Record<string, number> = {};
  readonly ids: string[] = [];
  accepted = 0;
  serverErrors = 0;
  warmup = 0;
  next = 0;

  /** `count` requests one after another, their latencies left out. */
  async warm(request: Request, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.send(request, 0);
      this.samples.pop();
      this.warmup += 1;
    }
  }

  async send(request: Request, worker: number): Promise<void> {
    const n = this.next++;
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await request(worker, n);
    } catch {
      outcome = { status: 0, accepted: false };
    }
    this.samples.push(performance.now() - started);
    if (outcome.accepted) {
      this.accepted += 1;
      this.ids.push(...(outcome.ids ?? []));
    } else {
      const key = outcome.status >= 200 && outcome.status < 300 ? 'body' : String(outcome.status);
      this.errors[key] = (this.errors[key] ?? 0) + 1;
    }
    if (outcome.status === 0 || outcome.status >= 500) this.serverErrors += 1;
  }

  result(wallMs: number): LoadResult {
    const requests = this.samples.length;
    return {
      requests: requests + this.warmup,
      accepted: this.accepted,
      errors: this.errors,
      serverErrors: this.serverErrors,
      warmup: this.warmup,
      wallMs,
      throughput: wallMs > 0 ? requests / (wallMs / 1000) : 0,
      p50Ms: requests ? percentile(this.samples, 50) : 0,
      p99Ms: requests ? percentile(this.samples, 99) : 0,
      meanMs: requests ? this.samples.reduce((a, b) => a + b, 0) / requests : 0,
      acceptedIds: this.ids,
    };
  }
}

/** After `warmup` requests, `concurrency` workers sending back to back until `durationMs` has passed (requests in flight then finish). */
export async function runSteady(options: { durationMs: number; concurrency: number; warmup?: number; request: Request }): Promise<LoadResult> {
  const { durationMs, concurrency, request } = options;
  if (!(durationMs > 0) || !Number.isInteger(concurrency) || concurrency < 1) throw new Error(`bad load settings: ${durationMs} ms, concurrency ${concurrency}`);
  const collector = new Collector();
  await collector.warm(request, options.warmup ?? 0);
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < until) await collector.send(request, worker);
    }),
  );
  return collector.result(performance.now() - started);
}

/** Bursts of `burstSize` requests fired at once, each after the previous burst finished and `pauseMs` passed, until `durationMs`. */
export async function runBursts(options: { durationMs: number; burstSize: number; pauseMs: number; warmup?: number; request: Request }): Promise<LoadResult> {
  const { durationMs, burstSize, pauseMs, request } = options;
  if (!(durationMs > 0) || !Number.isInteger(burstSize) || burstSize < 1 || pauseMs < 0) throw new Error(`bad burst settings: ${durationMs} ms, bursts of ${burstSize}`);
  const collector = new Collector();
  await collector.warm(request, options.warmup ?? 0);
  const started = performance.now();
  const until = started + durationMs;
  while (performance.now() < until) {
    await Promise.all(Array.from({ length: burstSize }, (_, worker) => collector.send(request, worker)));
    if (pauseMs > 0 && performance.now() + pauseMs < until) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    else if (pauseMs > 0) break;
  }
  return collector.result(performance.now() - started);
}

/** The figures without the ids, for reports. */
export function figuresOf(result: LoadResult): LoadFigures {
  const { acceptedIds: _ids, ...figures } = result;
  return figures;
}
