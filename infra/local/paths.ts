import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the git-ignored folder where the local runtime keeps its state. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOCAL_DIR = process.env.TSP_LOCAL_DIR ?? join(REPO_ROOT, '.local');

export function localPath(...parts: string[]): string {
  mkdirSync(LOCAL_DIR, { recursive: true });
  return join(LOCAL_DIR, ...parts);
}
