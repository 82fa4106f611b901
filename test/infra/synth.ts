import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { PlatformStage } from '../../infra/stage';
import type { StageConfig } from '../../infra/stage-config';

/**
 * A concrete environment: the platform stack takes the us-east-1 web ACL's ARN through a
 * cross-region reference, which CDK only allows between stacks with an explicit region.
 */
export const TEST_ENV = { account: '123456789012', region: 'ap-southeast-1' };

export interface SynthesizedStages {
  app: App;
  outdir: string;
  /** By stage name (`dev`, `prod`). */
  stages: Map<string, PlatformStage>;
  /**
   * What app.synth() threw, if anything. A failed validation (cdk-nag) throws only after every
   * assembly and validation-report.json are written, so templates can still be read; nag.test
   * reports the failure, and the template checks still run.
   */
  synthError?: unknown;
  cleanup: () => void;
}

/**
 * Builds one App holding the given stages and synthesizes it once, into its own temp dir, in a
 * test file's beforeAll. Templates only, by default: CDK's bundling-stacks context is emptied so
 * esbuild does not bundle ~80 functions for every file (70–110 s a file on 2 cores, most of the
 * infra project's time) when the file reads templates, not code. `bundle: true` for the test of
 * what the bundles hold (bundles.test.ts).
 */
export function synthesizeStages(stages: { id: string; stageName: string; overrides?: Partial<StageConfig> }[], options: { bundle?: boolean } = {}): SynthesizedStages {
  const outdir = mkdtempSync(join(tmpdir(), 'tsp-infra-test-'));
  const app = new App({ outdir, ...(options.bundle === true ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }) });
  const built = new Map(stages.map(({ id, stageName, overrides }) => [stageName, new PlatformStage(app, id, { stageName, env: TEST_ENV, overrides })]));
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  return { app, outdir, stages: built, synthError, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The logical id of a construct's CloudFormation resource (the construct itself or its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!element || !CfnElement.isCfnElement(element)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(element).getLogicalId(element);
}

/** Every file called `name` under `dir`, at any depth. */
export function findFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name === name)
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every construct under (and including) `root`. */
export function allConstructs(root: IConstruct): IConstruct[] {
  return [root, ...root.node.children.flatMap(allConstructs)];
}

/** The template of the nested stack that holds a service: its functions, routes, queues, alarms and buckets. */
export function serviceTemplate(stage: PlatformStage, service: string): Template {
  const stack = stage.platform.serviceStacks.get(service);
  if (!stack) throw new Error(`No service ${service} in ${stage.node.path}`);
  return Template.fromStack(stack);
}

/** The platform stack and every stack nested in it, at any depth: for assertions about the whole stage. */
export function platformStacks(stage: PlatformStage): Stack[] {
  return allConstructs(stage.platform).filter((c): c is Stack => Stack.isStack(c));
}

/**
 * The resources of the platform stack and all its nested stacks as one template, for assertions
 * about the whole stage (every route, every log group). A logical id repeated in another nested
 * stack (the same construct path in two services) is kept under `<stack path>/<logical id>`.
 */
export function stageTemplate(stage: PlatformStage): Template {
  const resources: Record<string, unknown> = {};
  for (const stack of platformStacks(stage)) {
    for (const [id, resource] of Object.entries(Template.fromStack(stack).toJSON().Resources as Record<string, unknown>)) {
      resources[id in resources ? `${stack.node.path}/${id}` : id] = resource;
    }
  }
  return Template.fromJSON({ Resources: resources });
}

/** A construct's CloudFormation resource, from the template of its own stack. */
export function resourceOf(construct: IConstruct): { Properties: Record<string, unknown> } & Record<string, unknown> {
  const resource = Template.fromStack(Stack.of(construct)).toJSON().Resources[logicalIdOf(construct)];
  if (!resource) throw new Error(`No resource for ${construct.node.path}`);
  return resource;
}
