import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { HttpMethod, HttpRoute, HttpRouteKey, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { FilterPattern, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination as LambdaLogDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import type { FunctionSettings, Grant, ServiceDefinition } from '../../shared/service/definitions';
import type { StageConfig } from '../stage-config';
import type { PlatformApi } from './http-api';
import { ServiceFunction, type PlatformResources } from './service-function';

const pascal = (text: string) => text.replace(/(^|[-_.])(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * Everything one service deploys, read from its ServiceDefinition (the same one the local
 * runtime reads): a function per route, per stream consumer and per S3 trigger.
 */
export class ServiceConstruct extends Construct {
  readonly functions = new Map<string, ServiceFunction>();
  readonly failureQueues = new Map<string, Queue>();
  /** The alarm on each failure queue's depth (its actions and dashboard: ServiceObservability). */
  readonly failureAlarms = new Map<string, Alarm>();

  private readonly props: { definition: ServiceDefinition; stage: StageConfig; resources: PlatformResources; api: PlatformApi };

  constructor(scope: Construct, id: string, props: { definition: ServiceDefinition; stage: StageConfig; resources: PlatformResources; api: PlatformApi }) {
    super(scope, id);
    this.props = props;
    const { definition, stage, resources, api } = props;

    for (const route of definition.routes) {
      const fn = this.addFunction(route.operationId, route);
      fn.verifyOrigin();
      const integration = new HttpLambdaIntegration(`${pascal(route.operationId)}Integration`, fn.fn);
      const routeKey = route.path === '$default' ? HttpRouteKey.DEFAULT : HttpRouteKey.with(route.path, HttpMethod[route.method]);
      new HttpRoute(this, `${pascal(route.operationId)}Route`, {
        httpApi: api.api,
        routeKey,
        integration,
        authorizer: route.access === 'public' ? new HttpNoneAuthorizer() : api.authorizer,
      });
      if (route.access === 'public') {
        if (route.path !== '$default') api.throttleRoute(`${route.method} ${route.path}`, stage.publicThrottle);
        Validations.of(this.node.findChild(`${pascal(route.operationId)}Route`)).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'A public route by design (DESIGN §2: /public/* and the docs need no token); it is throttled per route and answers nothing that helps enumeration.',
        });
      }
    }

    for (const consumer of definition.streamConsumers) {
      const fn = this.addFunction(consumer.id, consumer, { timeoutSeconds: 60 });
      const table = resources.tables.get(consumer.table.id);
      if (!table) throw new Error(`No table ${consumer.table.id}`);
      const failures = this.failureQueue(consumer.id, `Stream records that ${definition.name}.${consumer.id} gave up on`, 'the on-failure destination of a stream mapping');
      fn.fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          bisectBatchOnError: consumer.bisectOnError,
          retryAttempts: consumer.maxRetries,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(failures),
          filters: consumer.filters.map((pattern) => FilterCriteria.filter(pattern)),
        }),
      );
    }

    for (const trigger of definition.s3Triggers) {
      const fn = this.addFunction(trigger.id, trigger, { memoryMb: 1024, timeoutSeconds: 300 });
      const bucket = resources.buckets.get(trigger.bucket.id);
      if (!bucket) throw new Error(`No bucket ${trigger.bucket.id}`);
      bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn.fn), { prefix: trigger.prefix, suffix: trigger.suffix });
      acknowledgeNotificationsHandler(Stack.of(this));
      this.asyncFailureQueue(fn, trigger.id, `S3 notifications that ${definition.name}.${trigger.id} could not handle after Lambda's retries`);
    }

    for (const consumer of definition.eventConsumers ?? []) {
      const fn = this.addFunction(consumer.id, consumer, { timeoutSeconds: 60 });
      const failures = this.failureQueue(consumer.id, `Domain events that ${definition.name}.${consumer.id} could not take after EventBridge's retries`, 'the dead-letter queue of an event rule target');
      // One rule per consumer on the platform bus, matching its event types (DESIGN §8).
      new Rule(this, `${pascal(consumer.id)}Rule`, {
        eventBus: resources.eventBus,
        description: `${consumer.events.join(', ')} → ${definition.name}.${consumer.id}`,
        eventPattern: { detailType: consumer.events },
        targets: [new LambdaFunction(fn.fn, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: failures })],
      });
    }

    for (const subscription of definition.logSubscriptions ?? []) {
      const fn = this.addFunction(subscription.id, subscription, { timeoutSeconds: 60 });
      this.asyncFailureQueue(fn, subscription.id, `Log batches that ${definition.name}.${subscription.id} could not record after Lambda's retries`);
      for (const operationId of subscription.sourceOperations) {
        const source = this.functions.get(operationId);
        if (!source) throw new Error(`Log subscription ${subscription.id} reads unknown operation ${operationId}`);
        new SubscriptionFilter(this, `${pascal(subscription.id)}From${pascal(operationId)}`, {
          logGroup: source.fn.logGroup,
          destination: new LambdaLogDestination(fn.fn),
          filterPattern: FilterPattern.stringValue(`$.${subscription.match.field}`, '=', subscription.match.value),
        });
      }
    }
  }

  /**
   * Where work a consumer gave up on waits (encrypted, TLS only, 14 days, kept with the stage's
   * data), with an alarm on the first message: a record there is something that did not happen
   * (a need left SUBMITTED, a PDF never rendered, a certificate never issued).
   */
  private failureQueue(consumerId: string, what: string, role: string): Queue {
    const queue = new Queue(this, `${pascal(consumerId)}Failures`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: this.props.stage.removalPolicy,
    });
    this.failureQueues.set(consumerId, queue);
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: `This queue is itself ${role}; its depth is alarmed.` });
    this.failureAlarms.set(
      consumerId,
      new Alarm(this, `${pascal(consumerId)}FailuresAlarm`, {
        alarmName: `tsp-${this.props.stage.stageName}-${this.props.definition.name}-failures-${consumerId}`,
        alarmDescription: `${what} are waiting in its failure queue.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    return queue;
  }

  /** Asynchronously invoked functions (S3 notifications, log subscriptions) keep what still fails after Lambda's 2 retries. */
  private asyncFailureQueue(fn: ServiceFunction, id: string, what: string): void {
    const queue = this.failureQueue(id, what, 'the on-failure destination of asynchronous invocations');
    fn.fn.configureAsyncInvoke({ onFailure: new SqsDestination(queue), retryAttempts: 2 });
  }

  /** One Lambda function for a route, stream consumer, S3 trigger or log subscription. */
  private addFunction(id: string, spec: FunctionSettings & { handler: string; grants: Grant[]; idempotent?: boolean }, defaults: FunctionSettings = {}): ServiceFunction {
    const fn = new ServiceFunction(this, pascal(id), {
      service: this.props.definition.name,
      name: id,
      entry: spec.handler,
      grants: spec.grants,
      idempotent: spec.idempotent,
      memoryMb: spec.memoryMb ?? defaults.memoryMb,
      timeoutSeconds: spec.timeoutSeconds ?? defaults.timeoutSeconds,
      bundledFiles: spec.bundledFiles,
      stage: this.props.stage,
      resources: this.props.resources,
    });
    this.functions.set(id, fn);
    return fn;
  }
}

/**
 * CDK configures bucket notifications through one singleton custom-resource function per stack,
 * whose role CDK builds with the AWS managed basic-execution policy; it runs only at deployment.
 */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  const role = handler?.node.tryFindChild('Role');
  if (!role) return;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: "CDK's deployment-time bucket-notification handler; its role and managed logging policy are built by CDK and it never runs on a request path.",
  });
}
