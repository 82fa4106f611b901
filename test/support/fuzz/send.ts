import { Agent, request as httpRequest } from 'node:http';
import type { FuzzRequest } from './requests';

export interface FuzzResponse {
  status: number;
  contentType: string;
  body: string;
  ms: number;
}

/**
 * Sends one request exactly as written (path and headers verbatim, no URL normalisation that
 * fetch would apply to `..` or `%2e`), over a bounded keep-alive pool.
 */
export function sender(baseUrl: string, concurrency: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const send = (req: FuzzRequest, attempt = 0): Promise<FuzzResponse> =>
    new Promise<FuzzResponse>((resolve, reject) => {
      const started = performance.now();
      const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
      const headers: Record<string, string | string[] | number> = { ...req.headers };
      if (body) headers['content-length'] = body.length;
      const r = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
        );
        res.on('error', reject);
      });
      r.on('timeout', () => r.destroy(new Error(`timeout: ${req.method} ${req.path.slice(0, 200)}`)));
      r.on('error', reject);
      r.end(body);
    }).catch((error: NodeJS.ErrnoException) => {
      // A keep-alive socket the server closed just as we reused it: retry once on a fresh one.
      if (attempt === 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) return send(req, 1);
      throw error;
    });
  return { send, close: () => agent.destroy() };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
