import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'tsp-local-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('mints one signing key on a fresh .local/, however many tokens are issued at once', async () => {
  vi.stubEnv('TSP_LOCAL_DIR', dir);
  vi.resetModules();
  const { localPublicJwk } = await import('../../infra/local/secrets');
  const keys = await Promise.all(Array.from({ length: 8 }, () => localPublicJwk()));
  expect(new Set(keys.map((key) => JSON.stringify(key))).size).toBe(1);
  vi.unstubAllEnvs();
});
