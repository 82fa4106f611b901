/*
 * How every Lambda function is bundled (infra/constructs/service-function.ts), in one place so
 * the benchmarks and tests that load bundles use exactly the deployed options.
 */

/**
 * Some dependencies are CommonJS and use require(), __filename or __dirname (the font tools
 * read their wasm next to themselves); an ES module bundle has none of them, so define them.
 */
export const LAMBDA_BANNER =
  "import{createRequire as __cr}from'node:module';import{fileURLToPath as __fu}from'node:url';import{dirname as __dn}from'node:path';const require=__cr(import.meta.url);const __filename=__fu(import.meta.url);const __dirname=__dn(__filename);";

export const LAMBDA_TARGET = 'node24';
/** The Lambda runtime provides the AWS SDK v3; leaving it out keeps bundles small. */
export const LAMBDA_EXTERNALS = ['@aws-sdk/*'];
export const LAMBDA_MAIN_FIELDS = ['module', 'main'];
