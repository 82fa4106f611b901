import { relative } from 'node:path';
import { javaProblem } from '../infra/local/dynamodb-local';
import { runBench } from './bench';
import { scenarioFilterFromEnv, settingsFromEnv } from './harness/settings';
import { formatReport } from './harness/table';
import { writeResults } from './harness/results';
import { SCENARIOS } from './scenarios';

/*
 * `npm run bench`: every registered scenario against the in-process platform, printed as a
 * table and written to bench/results/<timestamp>.json and bench/results/latest.json.
 * BENCH_ITERATIONS, BENCH_CONCURRENCY, BENCH_WARMUP and BENCH_SCENARIOS tune a run.
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
console.log(`Starting DynamoDB Local (in memory, ${process.env.DYNAMODB_LOCAL_HEAP} heap), local S3 and the platform…`);
const result = await runBench({ ...settings, scenarios, log: (line) => console.log(line) });
const { file, latest } = await writeResults(result);
console.log(`\n${formatReport(result)}\n`);
console.log(`Finished in ${(result.durationMs / 1000).toFixed(1)} s. Wrote ${relative(process.cwd(), file)} and ${relative(process.cwd(), latest)}.`);
