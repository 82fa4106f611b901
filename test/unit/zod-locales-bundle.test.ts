import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BANNER, LAMBDA_EXTERNALS, LAMBDA_MAIN_FIELDS, LAMBDA_TARGET } from '../../infra/lambda-bundling';

/**
 * Messages come in Chinese and English (shared/http/zod-errors.ts); zod ships ~60 locales and a
 * bundle that reaches `z.locales` (for example through `import { z } from 'zod'`) carries all of
 * them. The verification handler's bundle, bundled as deployed, holds exactly the two.
 */
describe('the verify handler bundle', () => {
  it('carries zod’s en and zh-CN locales and no other', async () => {
    const result = await build({
      entryPoints: ['functions/certificates/handlers/verify.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: LAMBDA_TARGET,
      minify: true,
      mainFields: LAMBDA_MAIN_FIELDS,
      external: LAMBDA_EXTERNALS,
      banner: { js: LAMBDA_BANNER },
      loader: { '.json': 'json' },
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    const locales = Object.entries(output.inputs)
      .filter(([path, input]) => /node_modules\/zod\/v4\/locales\//.test(path) && input.bytesInOutput > 0)
      .map(([path]) => path.split('/').pop())
      .sort();
    expect(locales).toEqual(['en.js', 'zh-CN.js']);
  }, 60_000);
});
