import { defineConfig } from 'vitest/config';

/*
 * Four projects, run together by `npm test`:
 *  - unit: pure rules and the HTTP envelope, no I/O;
 *  - infra: CDK synth with assertions and cdk-nag;
 *  - integration: storage code against DynamoDB Local and a local S3 that the setup starts;
 *  - e2e: the HTTP API (and web pages in headless Chromium) against `npm start`.
 */
// Handlers run in-process in unit and integration tests: keep their telemetry quiet there.
// No CloudFront in front of handlers called in-process: the origin check is off, explicitly (shared/http/origin-verification.ts).
const env = { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT', ORIGIN_VERIFICATION: 'none' };

export default defineConfig({
  test: {
    env,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', env } },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, env } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/local-aws.global.ts'],
          env,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/support/local-runtime.global.ts'],
          // Runtimes an e2e test starts itself (npm start as a child) check their answers too.
          env: { TSP_VALIDATE_RESPONSES: 'true' },
          // Generous: these tests wait on background work (streams, PDFs) while the other projects load the 2 cores.
          testTimeout: 120_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
