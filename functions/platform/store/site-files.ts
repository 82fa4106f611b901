import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** In Lambda the site ships with the bundle (web/ next to index.mjs); locally it is the repo's web/. */
function siteRoot(): string {
  const bundled = process.env.LAMBDA_TASK_ROOT && join(process.env.LAMBDA_TASK_ROOT, 'web');
  if (bundled && existsSync(bundled)) return bundled;
  return fileURLToPath(new URL('../../../web/', import.meta.url));
}

const cache = new Map<string, string | undefined>();

/** A site file's text, cached for the container's life (the site changes only with a deploy). */
export async function readSiteFile(file: string): Promise<string | undefined> {
  if (!cache.has(file)) {
    const text = await readFile(join(siteRoot(), file), 'utf8').catch(() => undefined);
    if (process.env.STAGE !== 'local') cache.set(file, text);
    return text;
  }
  return cache.get(file);
}
