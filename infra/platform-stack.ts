import { CfnOutput, NestedStack, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { ServiceDefinition } from '../shared/service/definitions';
import { PlatformAuth } from './constructs/auth';
import { EdgeDistribution } from './constructs/edge';
import { ServiceBucket } from './constructs/bucket';
import { PlatformApi } from './constructs/http-api';
import { AlarmTopic, ServiceObservability } from './constructs/observability';
import { ServiceConstruct } from './constructs/service';
import { ServiceTable } from './constructs/table';
import { ORIGIN_VERIFY_SECRET_ID, secretNameFor, type StageConfig } from './stage-config';

export interface PlatformStackProps extends StackProps {
  stage: StageConfig;
  services: ServiceDefinition[];
  /** The edge web ACL (us-east-1) that fronts the platform's CloudFront distribution. */
  webAclArn: string;
}

/**
 * The platform: shared parts (user pool, HTTP API, tables, PII hash key, event bus, access-log
 * bucket, alarm topic) in this stack, and each service (its functions, routes, queues, buckets,
 * with its dashboard and alarms nested one level further) in a nested stack of its own.
 * Tables and buckets are created from the services' own definitions, so a service's storage is
 * declared in exactly one place.
 */
export class PlatformStack extends Stack {
  readonly auth: PlatformAuth;
  readonly api: PlatformApi;
  readonly edge: EdgeDistribution;
  readonly services = new Map<string, ServiceConstruct>();
  /** The nested stack holding each service, by service name. */
  readonly serviceStacks = new Map<string, NestedStack>();
  readonly tables = new Map<string, TableV2>();
  readonly buckets = new Map<string, IBucket>();
  /** The one bus every service's domain events travel on (DESIGN §8). */
  readonly eventBus: EventBus;
  /** Every alarm of the stage notifies this topic; who subscribes is the operators' choice (README "Operations"). */
  readonly alarmTopic: AlarmTopic;
  /** Each service's dashboard and alarms (a nested stack each), by service name. */
  readonly observability = new Map<string, ServiceObservability>();

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { stage } = props;

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: stage.removalPolicy,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket every other bucket logs to; logging it to itself would loop.',
    });

    // Each service lives in a nested stack of its own (its functions, routes, queues, buckets):
    // one stack would pass CloudFormation's 500-resource limit. Tables stay here, shared.
    for (const service of props.services) {
      const host = new NestedStack(this, `Service-${service.name}`, { description: `Talent Services Platform · ${service.name}` });
      this.serviceStacks.set(service.name, host);
      for (const definition of service.tables) this.tables.set(definition.id, new ServiceTable(this, `Table-${definition.id}`, definition, stage).table);
      // A bucket sits with the functions it notifies, or its notification would tie the stacks in a cycle.
      for (const definition of service.buckets) {
        this.buckets.set(definition.id, new ServiceBucket(host, `Bucket-${definition.id}`, definition, stage, accessLogs).bucket);
      }
    }
    const idempotencyTable = this.tables.get('idempotency');
    if (!idempotencyTable) throw new Error('The platform service must define the idempotency table');

    const secrets = new Map<string, Secret>();
    for (const definition of props.services.flatMap((service) => service.secrets ?? [])) {
      const secret = new Secret(this, `Secret-${definition.id}`, {
        secretName: secretNameFor(stage.stageName, definition.id),
        description: definition.description,
        generateSecretString: definition.generate === 'random' ? { passwordLength: 64, excludePunctuation: true } : undefined,
        removalPolicy: stage.removalPolicy,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'Key material whose rotation must be planned (re-hashing identities, or overlapping signing keys so printed QR codes stay valid); see README.',
      });
      secrets.set(definition.id, secret);
    }

    // What CloudFront adds to every request it forwards, so the functions can refuse any that skipped the edge.
    const originVerifySecret = new Secret(this, 'OriginVerifySecret', {
      secretName: secretNameFor(stage.stageName, ORIGIN_VERIFY_SECRET_ID),
      description: 'Value of the header CloudFront adds to requests it forwards to the API (shared/http/origin-verification.ts).',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: stage.removalPolicy,
    });
    Validations.of(originVerifySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by `npm run secrets -- --stage <stage> --rotate-origin`, which must also update CloudFront and wait out the functions\' cache; they accept AWSCURRENT and AWSPREVIOUS, so no request is dropped (README "Operations").',
    });

    this.eventBus = new EventBus(this, 'Events', { eventBusName: `tsp-${stage.stageName}` });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });

    this.auth = new PlatformAuth(this, 'Auth', stage);
    this.api = new PlatformApi(this, 'Http', { stage, auth: this.auth });
    const resources = {
      tables: this.tables,
      buckets: this.buckets,
      idempotencyTable,
      secrets,
      originVerifySecret,
      eventBus: this.eventBus,
      commonEnvironment: {
        PUBLIC_BASE_URL: '',
        JWT_ISSUER: this.auth.userPool.userPoolProviderUrl,
        JWT_AUDIENCE: this.auth.client.userPoolClientId,
        JWT_JWKS_URL: `${this.auth.userPool.userPoolProviderUrl}/.well-known/jwks.json`,
      },
    };
    this.edge = new EdgeDistribution(this, 'Edge', { api: this.api, webAclArn: props.webAclArn, logs: accessLogs, originSecret: originVerifySecret });
    new CfnOutput(this, 'PublicUrl', { value: `https://${this.edge.distribution.distributionDomainName}` });
    resources.commonEnvironment.PUBLIC_BASE_URL = `https://${this.edge.distribution.distributionDomainName}`;

    this.alarmTopic = new AlarmTopic(this, 'Alarms', stage);
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topic.topicArn, description: 'SNS topic every alarm of this stage notifies; subscribe to it (README "Operations").' });
    for (const service of props.services) {
      const construct = new ServiceConstruct(this.serviceStacks.get(service.name)!, 'Service', { definition: service, stage, resources, api: this.api });
      this.services.set(service.name, construct);
      this.observability.set(
        service.name,
        new ServiceObservability(construct, 'Observability', { definition: service, service: construct, stage, api: this.api, tables: this.tables, topic: this.alarmTopic.topic }),
      );
    }
  }
}
