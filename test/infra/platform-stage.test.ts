import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import { stageConfig } from '../../infra/stage-config';
import type { PlatformStage } from '../../infra/stage';
import { GROUPS, TENANT_CLAIM } from '../../shared/auth/groups';
import type { IndexDefinition, KeyAttribute, TableDefinition } from '../../shared/service/definitions';
import { physicalTableName } from '../../shared/service/names';
import { allConstructs, logicalIdOf, resourceOf, stageTemplate, synthesizeStages, type SynthesizedStages } from './synth';

/*
 * The synthesized platform, checked against the shared service definitions it is built from:
 * auth, the HTTP API and its routes, tables, buckets, functions and least-privilege IAM.
 * One App with a `dev` and a `prod` stage is synthesized once for the whole file.
 */

const ROUTES = SERVICES.flatMap((service) => service.routes);
const TABLES = SERVICES.flatMap((service) => service.tables);
const routeKey = (route: { method: string; path: string }) => (route.path === '$default' ? '$default' : `${route.method} ${route.path}`);
const ref = (logicalId: string) => ({ Ref: logicalId });
const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

let synthesized: SynthesizedStages;
const templates = new Map<string, Template>();

function stageNamed(name: string): PlatformStage {
  const stage = synthesized.stages.get(name);
  if (!stage) throw new Error(`No ${name} stage`);
  return stage;
}
function templateOf(name: string): Template {
  const template = templates.get(name);
  if (!template) throw new Error(`No template for the ${name} stage`);
  return template;
}
function onlyResource(template: Template, type: string, props?: object): [string, { Properties: Record<string, unknown> } & Record<string, unknown>] {
  const found = Object.entries(template.findResources(type, props));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0] as [string, { Properties: Record<string, unknown> }];
}

beforeAll(() => {
  synthesized = synthesizeStages([
    { id: 'Test', stageName: 'dev' },
    { id: 'Prod', stageName: 'prod' },
  ]);
  for (const [name, stage] of synthesized.stages) templates.set(name, stageTemplate(stage));
});
afterAll(() => synthesized?.cleanup());

describe('authentication (Cognito)', () => {
  it('has one user pool, closed to self sign-up, with a custom attribute per tenant claim', () => {
    const template = templateOf('dev');
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const [, pool] = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    const schemaNames = (pool.Properties.Schema as { Name: string }[]).map((attribute) => `custom:${attribute.Name}`);
    expect(schemaNames).toEqual(expect.arrayContaining([...new Set(Object.values(TENANT_CLAIM))]));
  });

  it('has exactly one user pool group per shared group, all in that pool', () => {
    const template = templateOf('dev');
    const [poolId] = onlyResource(template, 'AWS::Cognito::UserPool');
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((group) => group.Properties.GroupName as string).sort()).toEqual([...GROUPS].sort());
    for (const group of groups) expect(group.Properties.UserPoolId).toEqual(ref(poolId));
  });

  it('has a client that reads the tenant claims but cannot write any custom attribute', () => {
    const template = templateOf('dev');
    const [poolId] = onlyResource(template, 'AWS::Cognito::UserPool');
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.UserPoolId).toEqual(ref(poolId));
    // Without WriteAttributes Cognito lets users write every attribute, custom ones included.
    const writable = client.Properties.WriteAttributes as string[] | undefined;
    expect(Array.isArray(writable), 'WriteAttributes must be set explicitly').toBe(true);
    expect(writable!.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining([...new Set(Object.values(TENANT_CLAIM))]));
  });
});

describe('the HTTP API', () => {
  it('is an HTTP API with a Cognito JWT authorizer for the web client', () => {
    const template = templateOf('dev');
    const [apiId] = onlyResource(template, 'AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } });
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    const [poolId] = onlyResource(template, 'AWS::Cognito::UserPool');
    const [clientId] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    const [, authorizer] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties).toMatchObject({
      ApiId: ref(apiId),
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [ref(clientId)] },
    });
    expect(JSON.stringify((authorizer.Properties.JwtConfiguration as { Issuer: unknown }).Issuer)).toContain(JSON.stringify(ref(poolId)));
  });

  it.each(['dev', 'prod'])('%s: has a stage with default throttling, tighter throttling on every public route, and access logs', (name) => {
    const template = templateOf(name);
    const config = stageConfig(name);
    const [apiId] = onlyResource(template, 'AWS::ApiGatewayV2::Api');
    const [, stage] = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      ApiId: ref(apiId),
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: config.apiThrottle.rateLimit, ThrottlingBurstLimit: config.apiThrottle.burstLimit },
    });
    expect(config.publicThrottle.rateLimit).toBeLessThan(config.apiThrottle.rateLimit);

    // RouteSettings is raw JSON to CloudFormation: keys must be the route keys, values PascalCase.
    // The `$default` catch-all is not a route key RouteSettings is given; it has the stage-wide limits.
    const settings = stage.Properties.RouteSettings as Record<string, Record<string, unknown>>;
    const throttledPublic = ROUTES.filter((route) => route.access === 'public' && route.path !== '$default').map(routeKey);
    expect(throttledPublic.length).toBeGreaterThan(0);
    expect(Object.keys(settings).sort()).toEqual([...throttledPublic].sort());
    for (const key of throttledPublic) {
      expect(settings[key], key).toMatchObject({ ThrottlingRateLimit: config.publicThrottle.rateLimit, ThrottlingBurstLimit: config.publicThrottle.burstLimit });
    }

    const accessLogs = stage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const [logGroupId] = accessLogs.DestinationArn['Fn::GetAtt'];
    const logGroup = template.findResources('AWS::Logs::LogGroup')[logGroupId];
    expect(logGroup?.Properties.RetentionInDays).toBe(config.logRetention);
    expect(JSON.parse(accessLogs.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('has one route per route definition, wired to its own function, JWT-protected unless public', () => {
    const template = templateOf('dev');
    const stage = stageNamed('dev');
    const [authorizerId] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    template.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
    expect(ROUTES.filter((route) => route.access === 'public').length).toBeGreaterThan(0);
    expect(ROUTES.filter((route) => route.access !== 'public').length).toBeGreaterThan(0);

    for (const route of ROUTES) {
      const key = routeKey(route);
      const [, resource] = onlyResource(template, 'AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } });
      if (route.access === 'public') {
        expect(resource.Properties.AuthorizationType, key).toBe('NONE');
        expect(resource.Properties.AuthorizerId, key).toBeUndefined();
      } else {
        expect(resource.Properties.AuthorizationType, key).toBe('JWT');
        // The route sits in its service's nested stack: the authorizer's id arrives as a parameter named after it.
        expect(JSON.stringify(resource.Properties.AuthorizerId), key).toMatch(new RegExp(`referenceto\\w*${authorizerId.replace(/[0-9A-F]{8}$/, '')}`));
      }
      const target = JSON.stringify(resource.Properties.Target);
      const integrationId = Object.keys(integrations).find((id) => target.includes(JSON.stringify(ref(id))));
      expect(integrationId, `${key} targets an integration`).toBeDefined();
      const fn = stage.platform.services.get(route.service)?.functions.get(route.operationId);
      expect(fn, `${route.operationId} has a function`).toBeDefined();
      expect(integrations[integrationId!]!.Properties.IntegrationUri, key).toEqual(getAtt(logicalIdOf(fn!.fn), 'Arn'));
    }
  });
});

describe.each(['dev', 'prod'])('DynamoDB tables (%s)', (name) => {
  const keySchema = (key: { partitionKey: KeyAttribute; sortKey?: KeyAttribute }) => [
    { AttributeName: key.partitionKey.name, KeyType: 'HASH' },
    ...(key.sortKey ? [{ AttributeName: key.sortKey.name, KeyType: 'RANGE' }] : []),
  ];
  const projection = (index: IndexDefinition) =>
    typeof index.projection === 'object' ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.include } : { ProjectionType: index.projection };
  const keyAttributes = (definition: TableDefinition) =>
    [definition, ...(definition.indexes ?? [])].flatMap((key) => [key.partitionKey, ...(key.sortKey ? [key.sortKey] : [])]);

  it('has one table per shared table definition', () => {
    templateOf(name).resourceCountIs('AWS::DynamoDB::GlobalTable', TABLES.length);
  });

  it.each(TABLES.map((table) => [table.id, table] as const))('%s: on demand, PITR, keys, stream, indexes and TTL as defined', (_id, definition) => {
    const [, table] = onlyResource(templateOf(name), 'AWS::DynamoDB::GlobalTable', { Properties: { TableName: physicalTableName(name, definition) } });
    const props = table.Properties;
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.KeySchema).toEqual(keySchema(definition));
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining([...new Map(keyAttributes(definition).map((key) => [key.name, key])).values()].map((key) => ({ AttributeName: key.name, AttributeType: key.type }))),
    );
    expect(props.StreamSpecification).toEqual(definition.stream ? { StreamViewType: definition.stream } : undefined);
    expect(props.TimeToLiveSpecification).toEqual(definition.timeToLiveAttribute ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined);

    const indexes = (props.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[] | undefined) ?? [];
    expect(indexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))).toEqual(
      (definition.indexes ?? []).map((index) => ({ IndexName: index.name, KeySchema: keySchema(index), Projection: projection(index) })),
    );

    const replicas = props.Replicas as { PointInTimeRecoverySpecification?: unknown; DeletionProtectionEnabled?: boolean }[];
    expect(replicas).toHaveLength(1);
    expect(replicas[0]!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it.each(TABLES.map((table) => [table.id, table] as const))('%s: deletion protection and retention follow the stage', (_id, definition) => {
    const [, table] = onlyResource(templateOf(name), 'AWS::DynamoDB::GlobalTable', { Properties: { TableName: physicalTableName(name, definition) } });
    const replica = (table.Properties.Replicas as { DeletionProtectionEnabled?: boolean }[])[0]!;
    if (name === 'prod') {
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    } else {
      expect(replica.DeletionProtectionEnabled).not.toBe(true);
      expect(table.DeletionPolicy).not.toBe('Retain');
    }
  });
});

describe.each(['dev', 'prod'])('S3 buckets (%s)', (name) => {
  it('has a bucket per shared bucket definition', () => {
    const buckets = templateOf(name).findResources('AWS::S3::Bucket');
    const definitions = SERVICES.flatMap((service) => service.buckets);
    expect(definitions.length).toBeGreaterThan(0);
    for (const definition of definitions) {
      const bucket = stageNamed(name).platform.buckets.get(definition.id);
      expect(bucket, definition.id).toBeDefined();
      expect(buckets[logicalIdOf(bucket!)], definition.id).toBeDefined();
    }
  });

  it('every bucket blocks public access, is encrypted and versioned, and refuses non-TLS requests', () => {
    const template = templateOf(name);
    const buckets = Object.entries(template.findResources('AWS::S3::Bucket'));
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(buckets.length).toBeGreaterThan(0);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const encryption = bucket.Properties.BucketEncryption?.ServerSideEncryptionConfiguration as { ServerSideEncryptionByDefault: { SSEAlgorithm: string } }[];
      expect(encryption?.length, `${id} encryption`).toBeGreaterThan(0);
      for (const rule of encryption) expect(['AES256', 'aws:kms', 'aws:kms:dsse'], id).toContain(rule.ServerSideEncryptionByDefault.SSEAlgorithm);
      expect(bucket.Properties.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });

      const own = policies.filter((policy) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify(ref(id)));
      expect(own, `${id} bucket policy`).toHaveLength(1);
      expect(own[0]!.Properties.PolicyDocument.Statement, id).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: expect.arrayContaining([getAtt(id, 'Arn'), { 'Fn::Join': ['', [getAtt(id, 'Arn'), '/*']] }]),
          }),
        ]),
      );
    }
  });
});

describe.each(['dev', 'prod'])('Lambda functions (%s)', (name) => {
  const expectedCount = SERVICES.reduce(
    (sum, service) =>
      sum + service.routes.length + service.streamConsumers.length + service.s3Triggers.length + (service.logSubscriptions?.length ?? 0) + (service.eventConsumers?.length ?? 0),
    0,
  );
  const serviceFunctions = () => [...stageNamed(name).platform.services.values()].flatMap((service) => [...service.functions.values()]);

  it('has one function per route, stream consumer, S3 trigger, log subscription and event consumer', () => {
    expect(serviceFunctions()).toHaveLength(expectedCount);
  });

  it('gives every idempotent route the PII hash key its idempotency records are sealed with', () => {
    const idempotent = SERVICES.flatMap((service) => service.routes).filter((route) => route.idempotent);
    expect(idempotent.length).toBeGreaterThan(0);
    for (const route of idempotent) {
      const fn = stageNamed(name).platform.services.get(route.service)!.functions.get(route.operationId)!;
      const variables = (resourceOf(fn.fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables), route.operationId).toEqual(expect.arrayContaining(['IDEMPOTENCY_TABLE', 'PII_HASH_KEY_SECRET_ARN']));
      const roleId = logicalIdOf(fn.role);
      const policies = Object.values(Template.fromStack(Stack.of(fn.role)).findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId));
      expect(statementsIn(policies).flatMap(actionsOf), route.operationId).toContain('secretsmanager:GetSecretValue');
    }
  });

  it('every service function runs Node 24 on arm64 with active tracing and a log group with retention', () => {
    for (const serviceFunction of serviceFunctions()) {
      const id = logicalIdOf(serviceFunction.fn);
      const props = resourceOf(serviceFunction.fn).Properties as Record<string, unknown> & { LoggingConfig?: { LogGroup?: { Ref: string } } };
      expect(props.Runtime, id).toBe('nodejs24.x');
      expect(props.Architectures, id).toEqual(['arm64']);
      expect(props.TracingConfig, id).toEqual({ Mode: 'Active' });
      const logGroupRef = props.LoggingConfig?.LogGroup;
      expect(logGroupRef?.Ref, `${id} log group`).toBeDefined();
      const logGroups = Template.fromStack(Stack.of(serviceFunction.fn)).findResources('AWS::Logs::LogGroup');
      expect(logGroups[logGroupRef!.Ref]?.Properties.RetentionInDays, `${id} log retention`).toBe(stageConfig(name).logRetention);
    }
  });

  it('every log group in the stack has a retention', () => {
    const logGroups = Object.entries(templateOf(name).findResources('AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThanOrEqual(expectedCount);
    for (const [id, logGroup] of logGroups) expect(logGroup.Properties.RetentionInDays, id).toBe(stageConfig(name).logRetention);
  });

  it('the only other functions are CDK framework custom-resource providers', () => {
    // e.g. the cross-region export reader CDK adds for the us-east-1 web ACL's ARN, and the handler
    // that configures S3 bucket notifications at deployment. Their runtime, architecture, tracing
    // and logging are CDK's, not ours; anything else must be a service function.
    const stage = stageNamed(name);
    const ours = new Set(serviceFunctions().map((serviceFunction) => serviceFunction.fn.node.path));
    const lambdas = allConstructs(stage.platform).filter((c) => CfnElement.isCfnElement(c) && (c as CfnElement & { cfnResourceType?: string }).cfnResourceType === 'AWS::Lambda::Function');
    expect(lambdas.length).toBeGreaterThan(ours.size);
    for (const lambda of lambdas) {
      const path = lambda.node.path.replace(/\/Resource$/, '');
      if (ours.has(path)) continue;
      expect(path, `${path} is neither a service function nor a CDK provider`).toMatch(/\/Custom::[A-Za-z]+CustomResourceProvider\/Handler$|\/BucketNotificationsHandler[0-9a-f]{32}$/);
    }
  });
});

type Statement = { Effect: string; Action?: unknown; NotAction?: unknown; Condition?: unknown };
function statementsIn(node: unknown): Statement[] {
  if (Array.isArray(node)) return node.flatMap(statementsIn);
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const own = Array.isArray(object.Statement) ? (object.Statement as Statement[]) : [];
  return [...own, ...Object.values(object).flatMap(statementsIn)];
}
const actionsOf = (statement: Statement) => [statement.Action].flat().filter((action): action is string => typeof action === 'string');

describe.each(['dev', 'prod'])('least privilege (%s)', (name) => {
  const stackTemplates = () => {
    const stage = stageNamed(name);
    const stacks = stage.node.children.filter((child) => Stack.isStack(child));
    expect(stacks).toContain(stage.platform);
    return stacks.map((stack) => Template.fromStack(stack).toJSON());
  };

  it('no Allow statement in any policy uses a wildcard action or NotAction', () => {
    const statements = stackTemplates().flatMap(statementsIn);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
      expect(statement.NotAction, JSON.stringify(statement)).toBeUndefined();
      const actions = actionsOf(statement);
      expect(actions.length, JSON.stringify(statement)).toBeGreaterThan(0);
      for (const action of actions) expect(action, JSON.stringify(statement)).not.toMatch(/\*/);
    }
  });

  it('wildcard actions appear only in Deny statements that refuse non-TLS access', () => {
    for (const statement of stackTemplates().flatMap(statementsIn)) {
      if (!actionsOf(statement).some((action) => action === '*' || /^[\w-]+:\*$/.test(action))) continue;
      expect(statement.Effect, JSON.stringify(statement)).toBe('Deny');
      expect(statement.Condition, JSON.stringify(statement)).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    }
  });

  it('service function roles are their own, with no managed policies such as AWSLambdaBasicExecutionRole', () => {
    const template = templateOf(name);
    const roles = template.findResources('AWS::IAM::Role');
    const functions = template.findResources('AWS::Lambda::Function');
    for (const service of stageNamed(name).platform.services.values()) {
      for (const [operation, serviceFunction] of service.functions) {
        const roleId = logicalIdOf(serviceFunction.role);
        expect(functions[logicalIdOf(serviceFunction.fn)]?.Properties.Role, operation).toEqual(getAtt(roleId, 'Arn'));
        expect(roles[roleId]?.Properties.ManagedPolicyArns, operation).toBeUndefined();
        expect(JSON.stringify(roles[roleId]), operation).not.toContain('AWSLambdaBasicExecutionRole');
      }
    }
  });

  it('the health function can only read its table and bucket', () => {
    const template = templateOf(name);
    const health = stageNamed(name).platform.services.get('platform')?.functions.get('getHealth');
    expect(health).toBeDefined();
    const roleId = logicalIdOf(health!.role);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify(ref(roleId))),
    );
    expect(policies.length).toBeGreaterThan(0);
    const allowed = statementsIn(policies.map((policy) => policy.Properties.PolicyDocument))
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap(actionsOf);
    expect(allowed).toEqual(expect.arrayContaining(['dynamodb:GetItem', 's3:GetObject']));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 's3:PutObject', 's3:DeleteObject']) {
      expect(allowed).not.toContain(write);
    }
  });
});
