import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import type { PlatformStage } from '../../infra/stage';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/origin-verification';
import { findFiles, logicalIdOf, resourceOf, synthesizeStages, type SynthesizedStages } from './synth';

/*
 * Item 8 of issue 13: nobody reaches the API without passing the edge (CloudFront + WAF).
 * With the stage's own API domain the execute-api endpoint is disabled; with or without it,
 * CloudFront adds the origin-verification header from a Secrets Manager secret, and every HTTP
 * function is told to check it and may read that secret (and nothing else may).
 */

const API_DOMAIN = { domainName: 'api-origin.talent.example.cn', certificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/00000000-0000-4000-8000-000000000000' };

let synthesized: SynthesizedStages;
const stageNamed = (name: string): PlatformStage => synthesized.stages.get(name)!;

beforeAll(() => {
  synthesized = synthesizeStages([
    { id: 'Plain', stageName: 'dev' },
    { id: 'Domain', stageName: 'prod', overrides: { apiDomain: API_DOMAIN } },
  ], { bundle: false });
}, 600_000);
afterAll(() => synthesized?.cleanup());

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
function statementsIn(node: unknown): Statement[] {
  if (Array.isArray(node)) return node.flatMap(statementsIn);
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const own = Array.isArray(object.Statement) ? (object.Statement as Statement[]) : [];
  return [...own, ...Object.values(object).flatMap(statementsIn)];
}

function originSecretId(stage: PlatformStage): string {
  const secrets = Template.fromStack(stage.platform).findResources('AWS::SecretsManager::Secret', { Properties: { Name: `tsp/${stage.stageName}/origin-verify` } });
  expect(Object.keys(secrets), 'one origin-verification secret').toHaveLength(1);
  return Object.keys(secrets)[0]!;
}

function distributionOf(stage: PlatformStage) {
  return resourceOf(stage.platform.edge.distribution).Properties.DistributionConfig as {
    Origins: { DomainName: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
  };
}

function apiOf(stage: PlatformStage) {
  return resourceOf(stage.platform.api.api).Properties;
}

/** Every function of the stage with whether it serves an HTTP route, its environment and its role's statements. */
function functionsOf(stage: PlatformStage) {
  return SERVICES.flatMap((service) => {
    const construct = stage.platform.services.get(service.name)!;
    const routeIds = new Set(service.routes.map((route) => route.operationId));
    const policies = Object.values(Template.fromStack(Stack.of(construct)).findResources('AWS::IAM::Policy'));
    // A value from the platform stack reaches a service's nested stack as a parameter: follow it back.
    const nested = stage.platform.serviceStacks.get(service.name)!;
    const parameters = (resourceOf(nested.nestedStackResource!).Properties.Parameters ?? {}) as Record<string, unknown>;
    const fromParent = (value: unknown) => {
      const ref = (value as { Ref?: string } | undefined)?.Ref;
      return ref && ref in parameters ? parameters[ref] : value;
    };
    return [...construct.functions].map(([id, fn]) => {
      const roleId = logicalIdOf(fn.role);
      const statements = statementsIn(policies.filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId)));
      const variables = (resourceOf(fn.fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      return { id: `${service.name}.${id}`, http: routeIds.has(id), variables, statements: statements.map((st) => ({ ...st, Resource: [st.Resource].flat().map(fromParent) })), fromParent };
    });
  });
}

describe('a stage with its own API domain', () => {
  it('disables the execute-api endpoint and serves the API on that domain only', () => {
    const stage = stageNamed('prod');
    expect(apiOf(stage).DisableExecuteApiEndpoint).toBe(true);
    const template = Template.fromStack(stage.platform);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: API_DOMAIN.domainName,
      DomainNameConfigurations: [{ CertificateArn: API_DOMAIN.certificateArn }],
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    // CloudFront reaches the API by the custom domain (Ref of the DomainName is its name).
    const [domainId] = Object.keys(template.findResources('AWS::ApiGatewayV2::DomainName'));
    expect(distributionOf(stage).Origins.map((origin) => origin.DomainName)).toEqual([{ Ref: domainId }]);
  });

  it('still sends and checks the origin header: the custom domain’s regional target answers anyone who finds it', () => {
    const stage = stageNamed('prod');
    const [origin] = distributionOf(stage).Origins;
    expect(origin!.OriginCustomHeaders?.map((header) => header.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    for (const fn of functionsOf(stage).filter((f) => f.http)) expect(fn.variables.ORIGIN_VERIFICATION, fn.id).toBe('header');
  });
});

describe('a stage without its own API domain', () => {
  it('keeps the execute-api endpoint (CloudFront’s only way in) and creates no custom domain', () => {
    const stage = stageNamed('dev');
    expect(apiOf(stage).DisableExecuteApiEndpoint).not.toBe(true);
    Template.fromStack(stage.platform).resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });

  it('has CloudFront add the origin header with the secret’s value, resolved by CloudFormation', () => {
    const stage = stageNamed('dev');
    const secretId = originSecretId(stage);
    const origins = distributionOf(stage).Origins;
    expect(origins).toHaveLength(1);
    const headers = origins[0]!.OriginCustomHeaders ?? [];
    expect(headers.map((header) => header.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    // {{resolve:secretsmanager:<this secret>:SecretString:::}}: the value never appears in the template.
    expect(headers[0]!.HeaderValue).toEqual({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] });
  });

  it('tells every HTTP function to check the header and names the secret, which it may only read', () => {
    const stage = stageNamed('dev');
    const secretId = originSecretId(stage);
    const functions = functionsOf(stage);
    const http = functions.filter((f) => f.http);
    expect(http).toHaveLength(SERVICES.flatMap((service) => service.routes).length);
    for (const fn of http) {
      expect(fn.variables.ORIGIN_VERIFICATION, fn.id).toBe('header');
      expect(fn.fromParent(fn.variables.ORIGIN_VERIFY_SECRET_ARN), fn.id).toEqual({ Ref: secretId });
      const onSecret = fn.statements.filter((statement) => JSON.stringify(statement.Resource).includes(secretId));
      expect(onSecret.flatMap((statement) => [statement.Action].flat()).sort(), fn.id).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    }
    // Stream consumers, S3 triggers, event consumers and log subscriptions serve no HTTP request.
    const others = functions.filter((f) => !f.http);
    expect(others.length).toBeGreaterThan(0);
    for (const fn of others) {
      expect(fn.variables.ORIGIN_VERIFICATION, fn.id).toBeUndefined();
      expect(JSON.stringify(fn.statements), fn.id).not.toContain(secretId);
    }
  });
});

describe('cdk-nag on both kinds of stage', () => {
  it('synth passes validation with no AwsSolutions violation', () => {
    const error = synthesized.synthError;
    expect(error === undefined ? undefined : String(error instanceof Error ? error.message : error)).toBeUndefined();
    const reports = findFiles(synthesized.outdir, 'validation-report.json').map(
      (file) => JSON.parse(readFileSync(file, 'utf8')) as { pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[] },
    );
    for (const report of reports.flatMap((r) => r.pluginReports)) {
      expect(report.violations, report.pluginName).toEqual([]);
      expect(report.conclusion, report.pluginName).toBe('success');
    }
  });
});
