import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/free-port';

/** DynamoDB Local runs the jar through the launcher that binds it to 127.0.0.1 (infra/local/java/). */
function javaProcessesOnPort(port: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDbLocalOnLoopback -port ${port} `], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Starts `npm start -- --in-memory`, waits for the banner, and returns the process and DynamoDB port. */
async function startRuntime() {
  const port = await freePort();
  const child = spawn('npm', ['start', '--', '--in-memory'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) throw new Error(`runtime did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const dynamoPort = /DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]!;
  expect(javaProcessesOnPort(dynamoPort).length).toBeGreaterThan(0);
  return { child, dynamoPort, port };
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

describe('stopping npm start', () => {
  it('Ctrl-C stops everything and leaves no Java process behind', async () => {
    const { child, dynamoPort, port } = await startRuntime();
    expect((await fetch(`http://127.0.0.1:${port}/public/health`)).status).toBe(200);
    process.kill(-child.pid!, 'SIGINT');
    expect(await waitFor(() => child.exitCode !== null || child.signalCode !== null, 15_000)).toBe(true);
    expect(await waitFor(() => javaProcessesOnPort(dynamoPort).length === 0, 10_000)).toBe(true);
  });

  it('even a killed runtime takes its DynamoDB Local down with it', async () => {
    const { child, dynamoPort } = await startRuntime();
    // SIGKILL this runtime's node processes (not the guard shell, whose stdin pipe then closes).
    execFileSync('pkill', ['-KILL', '-g', String(child.pid), '-f', 'infra/local/main.ts']);
    expect(await waitFor(() => javaProcessesOnPort(dynamoPort).length === 0, 15_000)).toBe(true);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
});
