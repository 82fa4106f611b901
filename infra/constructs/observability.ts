import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmRule,
  type AlarmProps,
  AlarmStatusWidget,
  ComparisonOperator,
  CompositeAlarm,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IAlarm,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { ServiceDefinition } from '../../shared/service/definitions';
import type { StageConfig } from '../stage-config';
import type { PlatformApi } from './http-api';
import type { ServiceConstruct } from './service';

/*
 * Dashboards and alarms in AWS (DESIGN §1): one alarm topic per stage, and per service a
 * CloudWatch dashboard plus alarms on its API routes, functions, stream consumers, failure queues
 * and tables. Every alarm notifies the stage's topic, on ALARM and on OK.
 */

/** The titles of the dashboard widgets, by what they show (the infra tests look them up by title). */
export const WIDGETS = {
  alarms: 'Alarms',
  apiRequests: 'API requests',
  api5xx: 'API 5xx errors',
  api4xx: 'API 4xx (429 = throttled)',
  apiLatencyP50: 'API latency p50 (ms)',
  apiLatencyP99: 'API latency p99 (ms)',
  lambdaInvocations: 'Lambda invocations',
  lambdaErrors: 'Lambda errors',
  lambdaDurationP99: 'Lambda duration p99 (ms)',
  lambdaThrottles: 'Lambda throttles',
  iteratorAge: 'Stream iterator age, max (ms)',
  failureQueueDepth: 'Failure queue depth (messages)',
  ddbThrottles: 'DynamoDB throttled requests and throttle events',
  ddbCapacity: 'DynamoDB consumed capacity (units)',
} as const;

/** CloudWatch allows at most 10 metrics in one metric-math alarm: a 5xx rate takes 2 per route. */
export const ROUTES_PER_5XX_ALARM = 5;
const MAX_METRICS_PER_ALARM = 10;

/**
 * The DynamoDB operations whose throttling is alarmed: every one the functions' grants allow
 * (Scan is never granted) — ThrottledRequests exists only per operation.
 */
export const THROTTLED_OPERATIONS = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
] as const;

const FIVE_MINUTES = Duration.minutes(5);
const ONE_MINUTE = Duration.minutes(1);

const pascal = (text: string) => text.replace(/(^|[-_.])(\w)/g, (_, __, c: string) => c.toUpperCase());
const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
/** A sum of series that may each have no data points: a missing one counts as 0 instead of hiding the rest. */
const sumOf = (ids: string[]) => `SUM([${ids.map((id) => `FILL(${id}, 0)`).join(', ')}])`;

/**
 * ThrottledRequests of a table, summed over the operations (the metric exists only per operation).
 * The metric ids carry the table's id: a service's graph shows every one of its tables' sums, and
 * ids must not repeat within one graph.
 */
function throttledRequests(table: TableV2, tableId: string, label: string): MathExpression {
  const usingMetrics: Record<string, IMetric> = {};
  const prefix = tableId.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  for (const operation of THROTTLED_OPERATIONS) {
    usingMetrics[`${prefix}${operation}`] = table.metricThrottledRequestsForOperation(operation, { period: FIVE_MINUTES, statistic: 'Sum' });
  }
  return new MathExpression({ expression: sumOf(Object.keys(usingMetrics)), usingMetrics, period: FIVE_MINUTES, label });
}

/** The alarm topic of a stage: TLS-only publishing, and CloudWatch alarms of this account may publish to it. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, stage: StageConfig) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new Topic(this, 'Topic', {
      topicName: `tsp-${stage.stageName}-alarms`,
      displayName: `Talent Services Platform alarms (${stage.stageName})`,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one, so CloudWatch must be allowed explicitly.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
        },
      }),
    );
    if (stage.alarmEmail) this.topic.addSubscription(new EmailSubscription(stage.alarmEmail));
  }
}

export interface ServiceObservabilityProps {
  definition: ServiceDefinition;
  service: ServiceConstruct;
  stage: StageConfig;
  api: PlatformApi;
  /** The platform's tables, by definition id; the service's own are picked from its definition. */
  tables: Map<string, TableV2>;
  topic: ITopic;
}

/**
 * One service's dashboard and alarms, in a nested stack of their own: the platform stack stays
 * clear of CloudFormation's 500-resource limit, and the values they read from it (function, queue
 * and table names, the API id, the topic) arrive as the nested stack's parameters.
 */
export class ServiceObservability extends NestedStack {
  readonly dashboard: Dashboard;
  /** Every alarm of the service, by its name without `tsp-<stage>-<service>-` (`api-5xx`, `fn-<id>-errors`, `failures-<id>`…). */
  readonly alarms = new Map<string, IAlarm>();

  private readonly action: SnsAction;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: ServiceObservabilityProps) {
    super(scope, id, { description: `Talent Services Platform: ${props.definition.name} dashboard and alarms (${props.stage.stageName})` });
    const { definition, service, stage, api } = props;
    this.action = new SnsAction(props.topic);
    this.prefix = `tsp-${stage.stageName}-${definition.name}`;

    const routeKeys = definition.routes.map((route) => (route.path === '$default' ? '$default' : `${route.method} ${route.path}`));
    const routeMetric = (metricName: string, routeKey: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        // Per-route metrics: the stage has detailed metrics enabled (http-api.ts).
        dimensionsMap: { ApiId: api.api.apiId, Stage: api.stage.stageName, Route: routeKey },
        statistic,
        period: FIVE_MINUTES,
        label: routeKey,
      });
    const functions = [...service.functions.entries()];
    const consumers = definition.streamConsumers.map((consumer) => [consumer.id, service.functions.get(consumer.id)!] as const);
    const queues = [...service.failureQueues.entries()];
    const tables = definition.tables.map((table) => {
      const resource = props.tables.get(table.id);
      if (!resource) throw new Error(`No table ${table.id} in this stage`);
      return { definition: table, table: resource };
    });

    // Alarms ------------------------------------------------------------------------------

    if (routeKeys.length) {
      // The service's 5xx rate, in groups of routes (10 metrics per alarm at most); any group firing fires the service's alarm.
      const groups = chunk(routeKeys, ROUTES_PER_5XX_ALARM).map((keys, index) => {
        const usingMetrics: Record<string, IMetric> = {};
        keys.forEach((key, i) => {
          usingMetrics[`e${i}`] = routeMetric('5xx', key, 'Sum');
          usingMetrics[`n${i}`] = routeMetric('Count', key, 'Sum');
        });
        const errors = sumOf(keys.map((_, i) => `e${i}`));
        const requests = sumOf(keys.map((_, i) => `n${i}`));
        return this.alarm(`api-5xx-rate-${index + 1}`, `Api5xxRate${index + 1}`, {
          alarmDescription: `More than ${stage.alarms.api5xxRatePercent}% of ${definition.name} API requests answered 5xx (once there are at least ${stage.alarms.api5xxMinRequests} requests in 5 minutes) on: ${keys.join(', ')}. Notifies through ${this.prefix}-api-5xx.`,
          metric: new MathExpression({
            expression: `IF(${requests} >= ${stage.alarms.api5xxMinRequests}, 100 * ${errors} / ${requests}, 0)`,
            usingMetrics,
            period: FIVE_MINUTES,
            label: '5xx rate (%)',
          }),
          threshold: stage.alarms.api5xxRatePercent,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
        });
      });
      const api5xx = new CompositeAlarm(this, 'Api5xx', {
        compositeAlarmName: `${this.prefix}-api-5xx`,
        alarmDescription: `The ${definition.name} API answers more than ${stage.alarms.api5xxRatePercent}% of requests with 5xx on some of its routes: see the ${this.prefix}-api-5xx-rate-* alarms and the ${this.prefix} dashboard.`,
        alarmRule: AlarmRule.anyOf(...groups),
      });
      this.alarms.set('api-5xx', api5xx);
      this.notify(api5xx);
    }

    for (const [fnId, fn] of functions) {
      this.notify(
        this.alarm(`fn-${fnId}-errors`, `${pascal(fnId)}Errors`, {
          alarmDescription: `${definition.name}.${fnId} failed: an error, timeout or crash that its handler did not turn into a response or a partial batch failure.`,
          metric: fn.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
        }),
      );
    }

    for (const [consumerId, fn] of consumers) {
      this.notify(
        this.alarm(`stream-${consumerId}-iterator-age`, `${pascal(consumerId)}IteratorAge`, {
          alarmDescription: `${definition.name}.${consumerId} has been more than ${stage.alarms.iteratorAgeSeconds} s behind its table stream for 3 minutes (records wait; the stream keeps them 24 hours).`,
          metric: fn.fn.metric('IteratorAge', { period: ONE_MINUTE, statistic: 'Maximum' }),
          threshold: stage.alarms.iteratorAgeSeconds * 1000,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
        }),
      );
    }

    // The failure queues' alarms live next to their queues (ServiceConstruct); they notify too.
    for (const [consumerId, alarm] of service.failureAlarms) {
      this.alarms.set(`failures-${consumerId}`, alarm);
      this.notify(alarm);
    }

    for (const { definition: tableDefinition, table } of tables) {
      const name = pascal(tableDefinition.id);
      this.notify(
        this.alarm(`ddb-${tableDefinition.id}-throttled-requests`, `${name}ThrottledRequests`, {
          alarmDescription: `DynamoDB throttled requests to the ${tableDefinition.id} table (on demand: a hot partition or the table's throughput limit).`,
          metric: throttledRequests(table, tableDefinition.id, 'Throttled requests'),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
        }),
      );
      for (const kind of ['Read', 'Write'] as const) {
        // The table and each of its indexes report their own events.
        const scopes: Record<string, string>[] = [{}, ...(tableDefinition.indexes ?? []).map((index) => ({ GlobalSecondaryIndexName: index.name }))];
        chunk(scopes, MAX_METRICS_PER_ALARM).forEach((group, index, all) => {
          const usingMetrics: Record<string, IMetric> = {};
          group.forEach((dimensions, i) => {
            usingMetrics[`t${i}`] = table.metric(`${kind}ThrottleEvents`, { dimensionsMap: { TableName: table.tableName, ...dimensions }, period: FIVE_MINUTES, statistic: 'Sum' });
          });
          const part = all.length > 1 ? index + 1 : '';
          this.notify(
            this.alarm(`ddb-${tableDefinition.id}-${kind.toLowerCase()}-throttle-events${part ? `-${part}` : ''}`, `${name}${kind}ThrottleEvents${part}`, {
              alarmDescription: `DynamoDB ${kind.toLowerCase()} throttle events on the ${tableDefinition.id} table or its indexes.`,
              metric: new MathExpression({ expression: sumOf(Object.keys(usingMetrics)), usingMetrics, period: FIVE_MINUTES, label: `${kind} throttle events` }),
              threshold: 0,
              comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
              evaluationPeriods: 1,
            }),
          );
        });
      }
    }

    // Dashboard ---------------------------------------------------------------------------

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: this.prefix, defaultInterval: Duration.hours(6) });
    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6 });
    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown: `# ${definition.name} (${stage.stageName})\nAPI routes, functions, stream consumers, failure queues and tables of the service. Alarms notify the stage's alarm topic (output \`AlarmTopicArn\`).`,
          width: 24,
          height: 2,
        }),
      ],
      [new AlarmStatusWidget({ title: WIDGETS.alarms, alarms: [...this.alarms.values()], width: 24, height: Math.min(12, 2 + Math.ceil(this.alarms.size / 4)) })],
    ];
    if (routeKeys.length) {
      rows.push([
        graph(WIDGETS.apiRequests, routeKeys.map((key) => routeMetric('Count', key, 'Sum'))),
        graph(WIDGETS.api5xx, routeKeys.map((key) => routeMetric('5xx', key, 'Sum'))),
        graph(WIDGETS.api4xx, routeKeys.map((key) => routeMetric('4xx', key, 'Sum'))),
      ]);
      rows.push([
        graph(WIDGETS.apiLatencyP50, routeKeys.map((key) => routeMetric('Latency', key, 'p50')), 12),
        graph(WIDGETS.apiLatencyP99, routeKeys.map((key) => routeMetric('Latency', key, 'p99')), 12),
      ]);
    }
    const perFunction = (metric: (fn: (typeof functions)[number][1]) => Metric) => functions.map(([fnId, fn]) => metric(fn).with({ label: fnId }));
    rows.push([
      graph(WIDGETS.lambdaInvocations, perFunction((fn) => fn.fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' })), 6),
      graph(WIDGETS.lambdaErrors, perFunction((fn) => fn.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })), 6),
      graph(WIDGETS.lambdaDurationP99, perFunction((fn) => fn.fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })), 6),
      graph(WIDGETS.lambdaThrottles, perFunction((fn) => fn.fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' })), 6),
    ]);
    const asyncRow: IWidget[] = [];
    if (consumers.length) {
      asyncRow.push(graph(WIDGETS.iteratorAge, consumers.map(([consumerId, fn]) => fn.fn.metric('IteratorAge', { period: ONE_MINUTE, statistic: 'Maximum', label: consumerId })), 12));
    }
    if (queues.length) {
      asyncRow.push(
        graph(
          WIDGETS.failureQueueDepth,
          queues.map(([consumerId, queue]) => queue.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum', label: consumerId })),
          12,
        ),
      );
    }
    if (asyncRow.length) rows.push(asyncRow);
    if (tables.length) {
      rows.push([
        graph(
          WIDGETS.ddbThrottles,
          tables.flatMap(({ definition: tableDefinition, table }) => [
            throttledRequests(table, tableDefinition.id, `${tableDefinition.id} throttled requests`),
            table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum', label: `${tableDefinition.id} read throttle events` }),
            table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum', label: `${tableDefinition.id} write throttle events` }),
          ]),
          12,
        ),
        graph(
          WIDGETS.ddbCapacity,
          tables.flatMap(({ definition: tableDefinition, table }) => [
            table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum', label: `${tableDefinition.id} read` }),
            table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum', label: `${tableDefinition.id} write` }),
          ]),
          12,
        ),
      ]);
    }
    for (const row of rows) this.dashboard.addWidgets(...row);
  }

  /** A metric alarm named `tsp-<stage>-<service>-<key>`; missing data never breaches. */
  private alarm(key: string, id: string, props: Omit<AlarmProps, 'alarmName' | 'treatMissingData'>): Alarm {
    const alarm = new Alarm(this, id, { ...props, alarmName: `${this.prefix}-${key}`, treatMissingData: TreatMissingData.NOT_BREACHING });
    this.alarms.set(key, alarm);
    return alarm;
  }

  /** Notifies the stage's topic when the alarm fires and when it clears. */
  private notify(alarm: Alarm | CompositeAlarm): void {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }
}
