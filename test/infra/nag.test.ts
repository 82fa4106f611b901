import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
// cdk-nag is CommonJS with exports Node's ESM loader cannot detect by name.
import cdkNag from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNagChecks } from '../../infra/nag';
import { allConstructs, findFiles, synthesizeStages, TEST_ENV, type SynthesizedStages } from './synth';

/*
 * cdk-nag v3 runs as a CDK validation plugin during synth and CDK writes its findings to
 * validation-report.json in the cloud assembly. CDK leaves out of that report any plugin that
 * succeeded with nothing to report, so a clean AwsSolutions run has no entry of its own: the
 * tests below therefore also prove, on a deliberately bad stack, that a finding does reach it.
 */

interface ViolatingConstruct {
  constructPath: string;
}
interface PluginReport {
  pluginName: string;
  conclusion: 'success' | 'failure';
  violations: { ruleName: string; violatingConstructs: ViolatingConstruct[] }[];
  suppressedViolations?: { ruleName: string; reason?: string; acknowledgedId?: string }[];
}
interface ValidationReport {
  pluginReports: PluginReport[];
}

const isAwsSolutions = (report: PluginReport) => report.pluginName.startsWith('AwsSolutions');
const readReports = (outdir: string): ValidationReport[] =>
  findFiles(outdir, 'validation-report.json').map((file) => JSON.parse(readFileSync(file, 'utf8')) as ValidationReport);

let synthesized: SynthesizedStages;

beforeAll(() => {
  synthesized = synthesizeStages([
    { id: 'Test', stageName: 'dev' },
    { id: 'Prod', stageName: 'prod' },
  ]);
});
afterAll(() => synthesized?.cleanup());

describe('cdk-nag AwsSolutions', () => {
  it('synth passes validation', () => {
    const error = synthesized.synthError;
    expect(error === undefined ? undefined : String(error instanceof Error ? error.message : error)).toBeUndefined();
  });

  it('the validation report has no AwsSolutions violation and no failed plugin', () => {
    const reports = readReports(synthesized.outdir);
    expect(reports.length, 'a validation-report.json under the assembly').toBeGreaterThan(0);
    const pluginReports = reports.flatMap((report) => report.pluginReports);
    for (const report of pluginReports.filter(isAwsSolutions)) {
      expect(report.conclusion).toBe('success');
      expect(report.violations).toEqual([]);
    }
    expect(pluginReports.filter((report) => report.conclusion !== 'success').map((report) => report.pluginName)).toEqual([]);
  });

  it.each(['dev', 'prod'])('%s: the AwsSolutions pack finds nothing when run directly on the stage', (name) => {
    const stage = synthesized.stages.get(name);
    expect(stage).toBeDefined();
    const result = new cdkNag.AwsSolutionsChecks().validateScope(stage!);
    expect(result.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('a violation on a stack checked by applyNagChecks fails synth and reaches validation-report.json', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'tsp-nag-canary-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(new Stage(app, 'Canary', { env: TEST_ENV }), 'Bad');
      new Bucket(stack, 'Open'); // no TLS-only policy, no access logs: AwsSolutions-S1 and -S10
      applyNagChecks(stack);
      expect(() => app.synth()).toThrow(/AwsSolutions/);

      const nag = readReports(outdir)
        .flatMap((report) => report.pluginReports)
        .filter(isAwsSolutions);
      expect(nag).toHaveLength(1);
      expect(nag[0]!.conclusion).toBe('failure');
      expect(nag[0]!.violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ruleName: 'AwsSolutions-S10', violatingConstructs: [expect.objectContaining({ constructPath: 'Canary/Bad/Open/Resource' })] }),
        ]),
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('acknowledgements', () => {
  const acknowledgements = () =>
    allConstructs(synthesized.app).flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ path: construct.node.path, construct, id, reason }))),
    );

  it('every acknowledged rule carries a real reason', () => {
    const all = acknowledgements();
    expect(all.filter(({ id }) => id.includes('AwsSolutions-')).length, 'the stages acknowledge some AwsSolutions findings').toBeGreaterThan(0);
    for (const { path, id, reason } of all) {
      expect(typeof reason, `${path} ${id}`).toBe('string');
      expect((reason as string).trim().length, `${path} ${id}: "${String(reason)}"`).toBeGreaterThanOrEqual(20);
    }
  });

  it('acknowledgements sit on the resources they excuse, never on a whole app, stage or stack', () => {
    for (const { path, id, construct } of acknowledgements()) {
      expect(Stage.isStage(construct) || Stack.isStack(construct), `${id} acknowledged on ${path}`).toBe(false);
    }
  });

  it('every suppressed violation in the validation report carries its reason', () => {
    const suppressed = readReports(synthesized.outdir).flatMap((report) => report.pluginReports.flatMap((plugin) => plugin.suppressedViolations ?? []));
    for (const violation of suppressed) expect(violation.reason?.trim().length, violation.ruleName).toBeGreaterThan(0);
  });
});
