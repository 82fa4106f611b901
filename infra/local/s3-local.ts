import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Event } from 'aws-lambda';
import { freePort } from './free-port';

export interface S3Local {
  endpoint: string;
  port: number;
  /** Emits `event` with an S3 notification (object created/removed), like S3 → Lambda. */
  events: EventEmitter;
  stop(): Promise<void>;
}

/** Starts s3rver, an S3-compatible server that keeps objects on disk and emits notifications. */
export async function startS3Local(options: { dataDir?: string; port?: number } = {}): Promise<S3Local> {
  const port = options.port ?? (await freePort());
  const throwaway = !options.dataDir;
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tsp-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, allowMismatchedSignatures: true, vhostBuckets: false });
  await server.run();
  const events = new EventEmitter();
  server.on('event', (event: S3Event) => events.emit('event', event));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    events,
    async stop() {
      await server.close();
      if (throwaway) rmSync(directory, { recursive: true, force: true });
    },
  };
}
