import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { LAMBDA_BANNER, LAMBDA_EXTERNALS, LAMBDA_MAIN_FIELDS, LAMBDA_TARGET } from '../../infra/lambda-bundling';
import { figureRow } from '../harness/figures';
import { median } from '../harness/stats';
import type { FigureRow, Scenario } from '../harness/types';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));


/**
 * The esbuild options NodejsFunction derives from ServiceFunction's `bundling` props: ESM,
 * node24, minified, no source map, module before main, the AWS SDK left to the runtime.
 */
export function lambdaBuildOptions(entry: string, outfile: string, banner: string = LAMBDA_BANNER): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_TARGET,
    minify: true,
    sourcemap: false,
    mainFields: LAMBDA_MAIN_FIELDS,
    external: LAMBDA_EXTERNALS,
    loader: { '.json': 'json' },
    banner: { js: banner },
    logLevel: 'silent',
  };
}

/**
 * What the fresh process runs: times the dynamic import of the bundle alone (Node's own
 * start-up is not in it), and counts socket connections, since an import must not call AWS
 * or anything else. A module that throws while loading is reported, not fatal.
 */
export function importProbeScript(fileUrl: string): string {
  return [
    "import net from 'node:net';",
    'let connects = 0;',
    'const connect = net.Socket.prototype.connect;',
    'net.Socket.prototype.connect = function (...args) { connects += 1; return connect.apply(this, args); };',
    'let error;',
    'const t = performance.now();',
    `try { await import(${JSON.stringify(fileUrl)}); } catch (e) { error = String((e && e.stack) || e).split('\\n')[0]; }`,
    'const ms = performance.now() - t;',
    // Give connections started during the import (but not awaited by it) a moment to show.
    'setTimeout(() => { console.log(JSON.stringify({ ms, connects, error })); process.exit(0); }, 50);',
  ].join('\n');
}

export interface ProbeResult {
  ms: number;
  connects: number;
  error?: string;
}

/** The probe's last line of output (a bundle may print its own lines before it). */
export function parseProbeOutput(stdout: string): ProbeResult {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"ms"'));
  if (!line) throw new Error(`import probe printed no result: ${stdout.slice(0, 300)}`);
  const parsed = JSON.parse(line) as Partial<ProbeResult>;
  if (typeof parsed.ms !== 'number' || typeof parsed.connects !== 'number') throw new Error(`malformed import probe result: ${line}`);
  return { ms: parsed.ms, connects: parsed.connects, ...(parsed.error ? { error: parsed.error } : {}) };
}

/** Orders the bundles differently each round, so none always runs first (cold disk cache, CPU boost). */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

interface Bundle {
  id: string;
  label: string;
  entry: string;
  banner?: string;
}

const HELLO: Bundle = { id: 'hello', label: 'fixtures/hello.ts', entry: 'bench/fixtures/hello.ts' };
const VERIFY: Bundle = { id: 'verify', label: 'handlers/verify.ts', entry: 'functions/certificates/handlers/verify.ts' };
const RENDER: Bundle = { id: 'render-documents', label: 'handlers/render-documents.ts', entry: 'functions/certificates/handlers/render-documents.ts' };
const BUNDLES = [HELLO, VERIFY, RENDER];
/** Fresh processes per bundle (fewer when BENCH_ITERATIONS is smaller). */
const RUNS = 10;

/** A clean environment: no AWS credentials, region or endpoints, no NODE_OPTIONS (tsx). */
const probeEnv = () => ({ PATH: process.env.PATH ?? '' });

async function probe(file: string): Promise<ProbeResult> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', importProbeScript(pathToFileURL(file).href)], {
    cwd: tmpdir(),
    env: probeEnv(),
    timeout: 60_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  return parseProbeOutput(stdout);
}

/**
 * A cold-start proxy: the handlers bundled exactly as the Lambda functions are, then their size
 * and the time a fresh Node process takes to import them, both against a hello-world handler
 * bundled the same way. The AWS SDK is external, as in Lambda, where the runtime provides it:
 * a node_modules/@aws-sdk link next to the bundles stands in for that.
 */
export const coldStartScenario: Scenario = {
  name: 'cold-start',
  description: 'Lambda bundles (esbuild, as deployed) of the verify and PDF render handlers vs hello-world: size and import time in a fresh process',
  async run(ctx) {
    const runs = Math.max(1, Math.min(RUNS, ctx.settings.iterations));
    const dir = await mkdtemp(join(tmpdir(), 'tsp-cold-start-'));
    try {
      await mkdir(join(dir, 'node_modules'));
      await symlink(join(REPO_ROOT, 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'), 'dir');
      const files = new Map<string, string>();
      const sizes = new Map<string, number>();
      for (const bundle of BUNDLES) {
        const outfile = join(dir, bundle.id, 'index.mjs');
        const result = await build({ ...lambdaBuildOptions(join(REPO_ROOT, bundle.entry), outfile, bundle.banner), absWorkingDir: REPO_ROOT });
        if (result.warnings.length) ctx.note(`esbuild warned ${result.warnings.length} time(s) bundling ${bundle.label}: ${result.warnings[0]!.text}`);
        files.set(bundle.id, outfile);
        sizes.set(bundle.id, (await stat(outfile)).size);
      }

      // One unmeasured import each (disk cache), which also finds bundles that cannot load at all.
      const failures = new Map<string, string>();
      for (const bundle of BUNDLES) {
        const first = await probe(files.get(bundle.id)!);
        if (first.error) failures.set(bundle.id, `import fails: ${first.error}`);
        else if (first.connects > 0) failures.set(bundle.id, `import opened ${first.connects} network connection(s)`);
      }
      if (failures.has(HELLO.id)) throw new Error(`the hello-world bundle does not import cleanly: ${failures.get(HELLO.id)}`);

      const samples = new Map<string, number[]>(BUNDLES.map((b) => [b.id, []]));
      const loadable = BUNDLES.filter((b) => !failures.has(b.id));
      for (let round = 0; round < runs; round++) {
        for (const bundle of rotate(loadable, round)) {
          const result = await probe(files.get(bundle.id)!);
          if (result.error || result.connects > 0) throw new Error(`${bundle.label}: import changed behaviour between runs (${result.error ?? `${result.connects} connection(s)`})`);
          samples.get(bundle.id)!.push(result.ms);
        }
      }

      const importMs = (id: string) => (failures.has(id) ? null : median(samples.get(id)!));
      const spread = (id: string) => {
        const s = samples.get(id)!;
        return `median of ${s.length} fresh processes (${Math.min(...s).toFixed(1)}-${Math.max(...s).toFixed(1)} ms)`;
      };
      const sizeRow = (bundle: Bundle): FigureRow =>
        figureRow({
          scenario: 'cold-start',
          figure: 'bundle size (minified)',
          operation: bundle.label,
          value: sizes.get(bundle.id)!,
          unit: 'B',
          baseline: { name: HELLO.label, value: sizes.get(HELLO.id)! },
          note: 'index.mjs as esbuild writes it for the Lambda package (without the AWS SDK, which the runtime provides)',
        });
      const importRow = (bundle: Bundle, note?: string): FigureRow =>
        figureRow({
          scenario: 'cold-start',
          figure: 'import time (fresh process)',
          operation: bundle.label,
          value: importMs(bundle.id),
          unit: 'ms',
          baseline: { name: HELLO.label, value: importMs(HELLO.id) },
          note: failures.get(bundle.id) ?? [spread(bundle.id), note].filter(Boolean).join('; '),
        });

      for (const [id, error] of failures) ctx.note(`${id}: the bundle built with the deployed options does not load (${error}); that function would fail to initialise.`);
      return [sizeRow(VERIFY), sizeRow(RENDER), importRow(VERIFY), importRow(RENDER)];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
