import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFiles, synthesizeStages, type SynthesizedStages } from './synth';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let synth: SynthesizedStages;
beforeAll(() => {
  synth = synthesizeStages([{ id: 'Bundles', stageName: 'dev' }], { bundle: true });
  // Lambda's runtime provides the AWS SDK and nothing else: offer the bundles exactly that.
  mkdirSync(join(synth.outdir, 'node_modules'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules/@aws-sdk'), join(synth.outdir, 'node_modules/@aws-sdk'));
});
afterAll(() => synth.cleanup());

describe('every synthesized Lambda bundle', () => {
  it('loads in a fresh Node process with no AWS settings, as at a cold start', async () => {
    const bundles = findFiles(synth.outdir, 'index.mjs').filter((file) => file.includes('asset.'));
    expect(bundles.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const bundle of bundles) {
      const script = `try { const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); } catch (e) { console.log(String(e).split('\\n')[0]); process.exit(1); }`;
      try {
        await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 });
      } catch (error) {
        failures.push(`${bundle}: ${(error as { stdout?: string }).stdout?.trim() ?? (error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('ships the font and the subsetter with the PDF renderer', () => {
    const stage = synth.stages.get('dev')!;
    const renderer = stage.platform.services.get('certificates')!.functions.get('renderCertificateDocuments')!.fn;
    const s3Key = Stack.of(renderer).resolve((renderer.node.defaultChild as CfnFunction).code).s3Key as string;
    const assetDir = findFiles(synth.outdir, 'index.mjs')
      .map((file) => join(file, '..'))
      .find((dir) => dir.endsWith(`asset.${s3Key.replace(/\.zip$/, '')}`));
    expect(assetDir).toBeDefined();
    expect(existsSync(join(assetDir!, 'NotoSansSC_400Regular.ttf'))).toBe(true);
    expect(existsSync(join(assetDir!, 'node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm'))).toBe(true);
  });
});
