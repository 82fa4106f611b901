import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { javaProblem } from '../infra/local/dynamodb-local';
import { runBench } from './bench';
import { mergeResults } from './harness/merge';
import { scenarioFilterFromEnv, settingsFromEnv } from './harness/settings';
import { formatReport } from './harness/table';
import { writeResults } from './harness/results';
import type { BenchResult } from './harness/types';
import { SCENARIOS } from './scenarios';

/*
 * `npm run bench`: every registered scenario against the in-process platform, printed as a
 * table and written to bench/results/<timestamp>.json and bench/results/latest.json.
 * BENCH_ITERATIONS, BENCH_CONCURRENCY, BENCH_WARMUP and BENCH_SCENARIOS tune a run.
 *
 * Each scenario runs in a process of its own, on a platform (and DynamoDB Local) of its own:
 * the heavy ones seed hundreds of thousands of items, and one after another in the same
 * DynamoDB Local they slowed each other down without bound (case-list after the 100,000-expert
 * pool had not finished after 25 minutes; alone it takes one). Isolated, no scenario's figures
 * depend on what ran before it, and one that fails does not lose the others' results.
 */
const java = javaProblem();
if (java) {
  console.error(`\n${java}\n`);
  process.exit(1);
}

let settings: ReturnType<typeof settingsFromEnv>;
try {
  settings = settingsFromEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const only = scenarioFilterFromEnv(process.env);
const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(1);
}
const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;

// The scenarios seed up to a few hundred thousand items into the in-memory DynamoDB Local:
// 512 MB (the runtime's default) leaves it collecting garbage instead of answering.
process.env.DYNAMODB_LOCAL_HEAP ??= '3g';

/** Set in a scenario's own process: where it leaves its result for the parent. */
const resultFile = process.env.BENCH_RESULT_FILE;

/** Runs one scenario in a child process (this script again); its result, or why there is none. */
async function runIsolated(name: string, dir: string): Promise<BenchResult | string> {
  const file = join(dir, `${name}.json`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, BENCH_SCENARIOS: name, BENCH_RESULT_FILE: file },
      stdio: 'inherit',
    });
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) return `${name}: failed (exit code ${code}); see its output above`;
  return JSON.parse(await readFile(file, 'utf8')) as BenchResult;
}

if (resultFile) {
  const result = await runBench({ ...settings, scenarios, log: (line) => console.log(line) });
  await writeFile(resultFile, JSON.stringify(result));
} else {
  let result: BenchResult;
  let failures: string[] = [];
  if (scenarios.length === 1) {
    console.log(`Starting DynamoDB Local (in memory, ${process.env.DYNAMODB_LOCAL_HEAP} heap), local S3 and the platform…`);
    result = await runBench({ ...settings, scenarios, log: (line) => console.log(line) });
  } else {
    console.log(`Running ${scenarios.length} scenarios, each on a platform of its own (DynamoDB Local in memory, ${process.env.DYNAMODB_LOCAL_HEAP} heap)…`);
    const dir = await mkdtemp(join(tmpdir(), 'tsp-bench-'));
    const started = new Date();
    const outcomes: (BenchResult | string)[] = [];
    try {
      for (const scenario of scenarios) outcomes.push(await runIsolated(scenario.name, dir));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    failures = outcomes.filter((o): o is string => typeof o === 'string');
    result = mergeResults(started, new Date(), settings, outcomes.filter((o): o is BenchResult => typeof o !== 'string'), failures);
  }
  const { file, latest } = await writeResults(result);
  console.log(`\n${formatReport(result)}\n`);
  console.log(`Finished in ${(result.durationMs / 1000).toFixed(1)} s. Wrote ${relative(process.cwd(), file)} and ${relative(process.cwd(), latest)}.`);
  if (failures.length) {
    console.error(`\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}
