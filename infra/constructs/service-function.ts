import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Stack, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { piiHashKeySecret, rateLimitTable } from '../../functions/platform/table';
import type { Access, FunctionSettings, Grant } from '../../shared/service/definitions';
import { METRICS_NAMESPACE } from '../../shared/http/observability';
import { LAMBDA_BANNER, LAMBDA_EXTERNALS, LAMBDA_MAIN_FIELDS, LAMBDA_TARGET } from '../lambda-bundling';
import type { StageConfig } from '../stage-config';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const requireFromRepo = createRequire(join(REPO_ROOT, 'package.json'));

/**
 * One log level for Powertools (LOG_LEVEL) and for Lambda's log controls: with JSON logs Lambda
 * sets AWS_LAMBDA_LOG_LEVEL, which Powertools obeys over LOG_LEVEL, so the two must agree.
 */
const LOG_LEVEL = ApplicationLogLevel.INFO;

/**
 * What Powertools reads in every function: the service name (the `service` key of log lines and
 * the metrics dimension), the metrics namespace, the log level, and no request or response
 * bodies in logs or traces (they can carry personal data; DESIGN §1, shared/http/observability.ts).
 */
export function powertoolsEnvironment(service: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: service,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    LOG_LEVEL,
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  };
}

/** The resources a function may be granted, found by the ids of their shared definitions. */
export interface PlatformResources {
  tables: Map<string, TableV2>;
  buckets: Map<string, IBucket>;
  idempotencyTable: TableV2;
  secrets: Map<string, ISecret>;
  /** The value CloudFront sends as the origin-verification header; every HTTP function reads it. */
  originVerifySecret: ISecret;
  eventBus: IEventBus;
  /** Environment every function gets: how to check an optional bearer token on public routes. */
  commonEnvironment: Record<string, string>;
}

const TABLE_ACTIONS: Record<Access, string[]> = {
  // Explicit actions rather than grantReadData: no Scan for anyone, no stream reads for handlers.
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};

export interface ServiceFunctionProps extends FunctionSettings {
  service: string;
  name: string;
  entry: string;
  grants: Grant[];
  stage: StageConfig;
  resources: PlatformResources;
  idempotent?: boolean;
}

/**
 * One Lambda function: Node 24 on arm64, ESM bundle minified by the local esbuild (no Docker),
 * the AWS SDK left to the runtime to keep bundles small, X-Ray tracing, JSON logs in its own log
 * group with retention, Powertools' settings, and only the permissions its grants name.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  private readonly resources: PlatformResources;
  private readonly stage: StageConfig;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.resources = props.resources;
    this.stage = props.stage;
    const { stage, resources } = props;
    const logGroup = new LogGroup(this, 'Logs', { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only the X-Ray actions PutTraceSegments/PutTelemetryRecords use "*": X-Ray has no resource-level permissions.',
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      role: this.role,
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 29),
      tracing: Tracing.ACTIVE,
      logGroup,
      // Powertools writes JSON lines; Lambda's own lines (START, REPORT…) become JSON too.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: LOG_LEVEL,
      systemLogLevelV2: SystemLogLevel.INFO,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        STAGE: stage.stageName,
        ...powertoolsEnvironment(props.service),
        CORS_ALLOWED_ORIGINS: stage.corsOrigins.join(','),
        ...props.resources.commonEnvironment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_TARGET,
        minify: true,
        sourceMap: false,
        mainFields: LAMBDA_MAIN_FIELDS,
        externalModules: LAMBDA_EXTERNALS,
        banner: LAMBDA_BANNER,
        loader: { '.json': 'json' },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // Ship data files (e.g. the PDF font) next to index.mjs, where LAMBDA_TASK_ROOT finds them.
          afterBundling: (_input: string, output: string) =>
            (props.bundledFiles ?? []).flatMap(({ module, to }) => [
              `mkdir -p "${join(output, to, '..')}"`,
              // "./dir" is a folder of the repo; anything else a module resolved from it.
              module.startsWith('./') ? `cp -r "${join(REPO_ROOT, module)}" "${join(output, to)}"` : `cp "${requireFromRepo.resolve(module)}" "${join(output, to)}"`,
            ]),
        },
      },
    });

    if (props.idempotent) {
      this.fn.addEnvironment('IDEMPOTENCY_TABLE', resources.idempotencyTable.tableName);
      resources.idempotencyTable.grant(this.fn, ...TABLE_ACTIONS.readwrite);
      // Its records keep an HMAC of the body under the PII hash key, never an unkeyed hash (shared/http/idempotency.ts).
      if (!props.grants.some((grant) => 'secret' in grant && grant.secret.id === piiHashKeySecret.id)) this.applyGrant({ secret: piiHashKeySecret });
    }
    for (const grant of props.grants) this.applyGrant(grant);
  }

  /**
   * An HTTP function serves only requests that came through CloudFront: it checks the origin
   * header against the secret's current and previous values (shared/http/origin-verification.ts)
   * and may read that secret, nothing more.
   */
  verifyOrigin(): void {
    const secret = this.resources.originVerifySecret;
    this.fn.addEnvironment('ORIGIN_VERIFICATION', 'header');
    this.fn.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', secret.secretArn);
    secret.grantRead(this.fn);
  }

  private stackLogicalId(resource: IBucket | TableV2): string {
    const cfn = resource.node.defaultChild as { logicalId?: string } | undefined;
    return cfn ? Stack.of(resource).resolve((cfn as unknown as { logicalId: string }).logicalId) : resource.node.id;
  }

  private applyGrant(grant: Grant): void {
    const { resources } = this;
    if ('table' in grant) {
      const table = resources.tables.get(grant.table.id);
      if (!table) throw new Error(`No table ${grant.table.id} in this stage`);
      this.fn.addEnvironment(grant.table.envVar, table.tableName);
      // The table and each of its indexes by name: no wildcard, and valid across stacks.
      const indexes = (grant.table.indexes ?? []).map((index) => `${table.tableArn}/index/${index.name}`);
      this.role.addToPolicy(new PolicyStatement({ actions: TABLE_ACTIONS[grant.access], resources: [table.tableArn, ...indexes] }));
    } else if ('bucket' in grant) {
      const bucket = resources.buckets.get(grant.bucket.id);
      if (!bucket) throw new Error(`No bucket ${grant.bucket.id} in this stage`);
      this.fn.addEnvironment(grant.bucket.envVar, bucket.bucketName);
      const objects = bucket.arnForObjects(`${grant.prefix ?? ''}*`);
      const actions = [
        ...(grant.access !== 'write' ? ['s3:GetObject'] : []),
        ...(grant.access !== 'read' ? ['s3:PutObject'] : []),
        ...(grant.delete ? ['s3:DeleteObject', 's3:DeleteObjectVersion'] : []),
      ];
      this.role.addToPolicy(new PolicyStatement({ actions, resources: [objects] }));
      // ListBucket lets a missing object read as 404 rather than 403.
      if (grant.access !== 'write') this.role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.stackLogicalId(bucket)}.Arn>/${grant.prefix ?? ''}*]`,
        reason: 'Object keys are generated per record; the grant is limited to this bucket (and prefix) and to the named actions.',
      });
    } else if ('eventBus' in grant) {
      this.fn.addEnvironment('EVENT_BUS_NAME', resources.eventBus.eventBusName);
      resources.eventBus.grantPutEventsTo(this.fn);
    } else if ('idempotency' in grant) {
      this.fn.addEnvironment('IDEMPOTENCY_TABLE', resources.idempotencyTable.tableName);
      resources.idempotencyTable.grant(this.fn, ...TABLE_ACTIONS.readwrite);
    } else if ('lookupBudget' in grant) {
      const table = resources.tables.get(rateLimitTable.id);
      if (!table) throw new Error('The platform service must define the rate-limit table');
      // The counter is one UpdateItem (ADD, and ADD back when refused): nothing else on the table.
      this.fn.addEnvironment(rateLimitTable.envVar, table.tableName);
      this.role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [table.tableArn] }));
      // The same figure the edge's WAF rule counts requests against (stage-config.ts), here counted per lookup.
      this.fn.addEnvironment('LOOKUPS_PER_5_MIN_ANONYMOUS', String(this.stage.publicRatePerClientPer5Min));
      this.fn.addEnvironment('LOOKUPS_PER_5_MIN_ORGANISATION', String(this.stage.organisationLookupsPer5Min));
      // Behind CloudFront the source address is CloudFront's; its origin request policy forwards the viewer's.
      this.fn.addEnvironment('CLIENT_ADDRESS_HEADER', 'cloudfront-viewer-address');
      // Addresses are counted under an HMAC with the PII hash key, never stored in the clear.
      const secret = resources.secrets.get(piiHashKeySecret.id);
      if (!secret) throw new Error(`No secret ${piiHashKeySecret.id} in this stage`);
      this.fn.addEnvironment(`${piiHashKeySecret.envName}_SECRET_ARN`, secret.secretArn);
      secret.grantRead(this.fn);
    } else if ('secret' in grant) {
      const secret = resources.secrets.get(grant.secret.id);
      if (!secret) throw new Error(`No secret ${grant.secret.id} in this stage`);
      this.fn.addEnvironment(`${grant.secret.envName}_SECRET_ARN`, secret.secretArn);
      secret.grantRead(this.fn);
    }
  }
}
