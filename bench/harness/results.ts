import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types';

/** bench/results, found from this file rather than the working directory. */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** An ISO timestamp with ':' and '.' made '-', because ':' is not allowed in Windows file names. */
export function resultFileName(isoTimestamp: string): string {
  return `${isoTimestamp.replace(/[:.]/g, '-')}.json`;
}

/** Writes the run under its timestamp and as latest.json; returns both paths. */
export async function writeResults(result: BenchResult, dir: string = RESULTS_DIR): Promise<{ file: string; latest: string }> {
  await mkdir(dir, { recursive: true });
  const body = `${JSON.stringify(result, null, 2)}\n`;
  const file = join(dir, resultFileName(result.startedAt));
  const latest = join(dir, 'latest.json');
  await writeFile(file, body);
  await writeFile(latest, body);
  return { file, latest };
}
