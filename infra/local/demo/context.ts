import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenRequest } from '../tokens';
import { mulberry32 } from '../seeded-random';

/*
 * What every part of the demo loader shares: the options, a seeded random source, an HTTP
 * client that speaks to the running local runtime with locally issued tokens (retrying 429/503
 * and in-progress idempotent requests), a small worker pool, and the ledger.
 *
 * The ledger (a JSON file in the runtime's .local folder) remembers the ids the server chose
 * (certificate numbers, need ids, case ids) under the loader's own stable keys, and the day the
 * data set was generated for. A re-run reuses that day, so it generates exactly the same data,
 * checks that what the ledger names still exists (an --in-memory runtime forgets everything when
 * it stops) and creates only what is missing. Ids the loader chooses itself (institutions,
 * experts, hour records) need no ledger: the API answers 409 or `duplicate` for them.
 */

export interface DemoOptions {
  /** Base URL of the running runtime (default $TSP_API_URL or http://127.0.0.1:3000). */
  baseUrl: string;
  /** 1 = the full data set (3,000 certificates, 500 people with hours, 300 experts, 50 needs, 30 cases). */
  scale: number;
  seed: number;
  /** Prefix of every id the loader chooses (institutions, experts, units, hour records). */
  prefix: string;
  /** 2-digit province codes institutions, issuers, people, experts and needs are spread over. */
  provinces: readonly string[];
  /** Keep experts and needs in their generated province (all 31) rather than within `provinces`. */
  nationwideMatching: boolean;
  /** First-level discipline groups (3 digits) the experts and needs must not use. */
  avoidDisciplineGroups: readonly string[];
  /** Where the ledger is kept (default: .local/demo-ledger-<prefix>-<host>.json). */
  ledgerPath: string;
  /** Mints a bearer token the runtime accepts (default: issueLocalToken with the local key). */
  token: (request: TokenRequest) => Promise<string>;
  /** Progress lines (default console.log). */
  log: (line: string) => void;
  /** Parallel requests. */
  concurrency: number;
}

export const DEFAULT_PROVINCES = ['11', '31', '32', '33', '37', '44', '42', '43', '51', '61', '62', '52', '53', '65'] as const;

/* ------------------------------------------------------------------ random */

export type Rng = () => number;

/** mulberry32, seeded from a string: the same key gives the same stream on every run. */
export function rngFor(...key: (string | number)[]): Rng {
  return mulberry32(createHash('sha256').update(key.join('|')).digest().readUInt32LE(0));
}
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const intIn = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
export const scaled = (n: number, scale: number, min: number) => Math.max(min, Math.round(n * scale));

/* ------------------------------------------------------------------ dates */

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
/** Today in China (UTC+8), as the services judge "not in the future". */
export const chinaToday = () => isoDay(new Date(Date.now() + 8 * 3600_000));

/* ------------------------------------------------------------------ ledger */

export interface Ledger {
  /** The day the data set is generated for (its dates lie on or before it). */
  anchor: string;
  entries: Record<string, unknown>;
}

export function readLedger(path: string): Ledger | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Ledger;
  } catch {
    return undefined;
  }
}

export function writeLedger(path: string, ledger: Ledger): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(ledger, null, 1)}\n`);
}

/* ------------------------------------------------------------------ HTTP */

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export class DemoContext {
  readonly anchor: string;
  readonly anchorYear: number;
  /** Requests sent, by outcome class, for the summary. */
  readonly counts = { requests: 0, retries: 0 };
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly options: DemoOptions,
    readonly ledger: Ledger,
  ) {
    this.anchor = ledger.anchor;
    this.anchorYear = Number(ledger.anchor.slice(0, 4));
  }

  log(line: string) {
    this.options.log(line);
  }

  saveLedger() {
    writeLedger(this.options.ledgerPath, this.ledger);
  }

  entry<T>(key: string): T | undefined {
    return this.ledger.entries[key] as T | undefined;
  }

  setEntry(key: string, value: unknown) {
    this.ledger.entries[key] = value;
  }

  tokenFor(request: TokenRequest): Promise<string> {
    const key = `${request.group}|${request.tenant ?? ''}|${request.region ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = this.options.token(request);
      this.tokens.set(key, token);
    }
    return token;
  }

  /** One API call; retries throttling, storage faults and idempotent requests still in progress. */
  async call<T = Record<string, unknown>>(method: string, path: string, as: TokenRequest | undefined, body?: unknown, idempotencyKey?: string): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = `Bearer ${await this.tokenFor(as)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      this.counts.requests++;
      const res = await fetch(`${this.options.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      const retryable = res.status === 429 || res.status === 503 || (res.status === 409 && text.includes('idempotency-in-progress'));
      if (retryable && attempt < 8) {
        this.counts.retries++;
        await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
        continue;
      }
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { text };
      }
      return { status: res.status, body: parsed as T };
    }
  }

  /** A call that must answer one of `ok`; anything else stops the loader with the problem. */
  async expect<T = Record<string, unknown>>(ok: number[], method: string, path: string, as: TokenRequest | undefined, body?: unknown, idempotencyKey?: string): Promise<ApiAnswer<T>> {
    const answer = await this.call<T>(method, path, as, body, idempotencyKey);
    if (!ok.includes(answer.status)) {
      throw new Error(`${method} ${path} answered ${answer.status} (expected ${ok.join(' or ')}): ${JSON.stringify(answer.body).slice(0, 400)}`);
    }
    return answer;
  }
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const ADMIN: TokenRequest = { group: 'admin' };
