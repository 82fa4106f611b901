import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import { ROUTES_PER_5XX_ALARM, THROTTLED_OPERATIONS, WIDGETS } from '../../infra/constructs/observability';
import type { PlatformStage } from '../../infra/stage';
import { stageConfig } from '../../infra/stage-config';
import { METRICS_NAMESPACE } from '../../shared/http/observability';
import type { ServiceDefinition } from '../../shared/service/definitions';
import { physicalTableName } from '../../shared/service/names';
import { allConstructs, logicalIdOf, synthesizeStages, type SynthesizedStages } from './synth';

/*
 * Operations in AWS (issue 7, items 2 and 7): Powertools settings, JSON logs and tracing on every
 * function; per service a dashboard and alarms (a nested stack each) that notify the stage's one
 * alarm topic; and the data of stages other than dev kept: retained, deletion-protected, PITR,
 * with no wildcard actions on data anywhere. One App with a dev and a prod stage, synthesized once.
 */

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Resources = Record<string, Resource>;
type Json = unknown;

const STAGES = ['dev', 'prod'] as const;
const routeKey = (route: { method: string; path: string }) => (route.path === '$default' ? '$default' : `${route.method} ${route.path}`);
const ref = (logicalId: string) => ({ Ref: logicalId });
const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
/** Every function a service definition deploys, by id. */
const functionIds = (service: ServiceDefinition) => [
  ...service.routes.map((route) => route.operationId),
  ...service.streamConsumers.map((consumer) => consumer.id),
  ...service.s3Triggers.map((trigger) => trigger.id),
  ...(service.eventConsumers ?? []).map((consumer) => consumer.id),
  ...(service.logSubscriptions ?? []).map((subscription) => subscription.id),
];
/** Functions whose failures wait in a failure queue: stream, event and S3 consumers, log subscriptions. */
const failureQueueIds = (service: ServiceDefinition) => [
  ...service.streamConsumers.map((consumer) => consumer.id),
  ...service.s3Triggers.map((trigger) => trigger.id),
  ...(service.eventConsumers ?? []).map((consumer) => consumer.id),
  ...(service.logSubscriptions ?? []).map((subscription) => subscription.id),
];

let synthesized: SynthesizedStages;

function stageNamed(name: string): PlatformStage {
  const stage = synthesized.stages.get(name);
  if (!stage) throw new Error(`No ${name} stage`);
  return stage;
}
const platformOf = (name: string) => stageNamed(name).platform;
const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

const resolved = new Map<Stack, Resources>();
/**
 * A stack's resources with every parameter replaced by what its parent passes in, all the way up
 * to the platform stack: each service sits in a nested stack and its observability in one nested
 * in that, so a table reads as {Ref: <its logical id in the platform stack>} and a function as
 * {Ref: <its logical id in the service stack>} wherever they are used.
 */
function resolvedResources(stack: Stack): Resources {
  const cached = resolved.get(stack);
  if (cached) return cached;
  const own = Template.fromStack(stack).toJSON().Resources as Resources;
  if (!(stack instanceof NestedStack)) {
    resolved.set(stack, own);
    return own;
  }
  const parent = stack.nestedStackParent!;
  const outer = resolvedResources(parent)[logicalIdOf(stack.nestedStackResource!)]!;
  const parameters = (outer.Properties.Parameters ?? {}) as Record<string, Json>;
  const substitute = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(substitute);
    if (!value || typeof value !== 'object') return value;
    const object = value as Record<string, Json>;
    if (typeof object.Ref === 'string' && object.Ref in parameters) return parameters[object.Ref];
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, substitute(inner)]));
  };
  const result = substitute(own) as Resources;
  resolved.set(stack, result);
  return result;
}

const platformResources = (name: string) => resolvedResources(platformOf(name));
/** The nested stack of one service: its functions, queues, failure alarms, buckets and log groups. */
const serviceResources = (name: string, service: string) => resolvedResources(platformOf(name).serviceStacks.get(service)!);
/** A service's observability stack (its dashboard and alarms), references resolved. */
const observabilityOf = (name: string, service: string) => resolvedResources(platformOf(name).observability.get(service)!);
/** Every stack of the stage, nested ones included, as one list of resources. */
const allStageResources = (name: string): [string, Resource][] =>
  allConstructs(platformOf(name))
    .filter((construct): construct is Stack => Stack.isStack(construct))
    .flatMap((stack) => Object.entries(resolvedResources(stack)));

interface DashboardMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, Json>;
  options: Record<string, Json>;
}
interface DashboardWidget {
  type: string;
  properties: { title?: string; metrics?: Json[][]; alarms?: Json[] };
}

/** The dashboard body as JSON, each CloudFormation value (Ref, GetAtt…) put back in its place. */
function dashboardOf(resources: Resources): { name: string; widgets: DashboardWidget[] } {
  const dashboards = ofType(resources, 'AWS::CloudWatch::Dashboard');
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]![1].Properties.DashboardBody as string | { 'Fn::Join': [string, Json[]] };
  const tokens: Json[] = [];
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `@@${tokens.push(part) - 1}@@`)).join('');
  const restore = (value: Json): Json => {
    if (typeof value === 'string') {
      const whole = /^@@(\d+)@@$/.exec(value);
      return whole ? tokens[Number(whole[1])] : value;
    }
    if (Array.isArray(value)) return value.map(restore);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, restore(inner)]));
    return value;
  };
  const parsed = restore(JSON.parse(text)) as { widgets: DashboardWidget[] };
  return { name: dashboards[0]![1].Properties.DashboardName as string, widgets: parsed.widgets };
}

function widgetMetrics(widgets: DashboardWidget[], title: string): DashboardMetric[] {
  const widget = widgets.find((candidate) => candidate.properties.title === title);
  expect(widget, `a "${title}" widget`).toBeDefined();
  return (widget!.properties.metrics ?? [])
    .filter((row) => typeof row[0] === 'string')
    .map((row) => {
      const last = row[row.length - 1];
      const hasOptions = !!last && typeof last === 'object' && !Array.isArray(last) && !('Ref' in last) && !('Fn::GetAtt' in last);
      const fields = hasOptions ? row.slice(0, -1) : row;
      const dimensions: Record<string, Json> = {};
      for (let i = 2; i < fields.length; i += 2) dimensions[fields[i] as string] = fields[i + 1];
      return { namespace: fields[0] as string, metricName: fields[1] as string, dimensions, options: (hasOptions ? last : {}) as Record<string, Json> };
    });
}

/** The MetricStat metrics an alarm reads, whether it watches one metric or a math expression. */
function alarmMetrics(alarm: Resource): { metricName: string; namespace: string; dimensions: Record<string, Json>; stat: string; period: number }[] {
  const p = alarm.Properties;
  const dims = (list: Json) => Object.fromEntries(((list ?? []) as { Name: string; Value: Json }[]).map((d) => [d.Name, d.Value]));
  if (p.MetricName) return [{ metricName: p.MetricName as string, namespace: p.Namespace as string, dimensions: dims(p.Dimensions), stat: (p.Statistic ?? p.ExtendedStatistic) as string, period: p.Period as number }];
  return ((p.Metrics ?? []) as { MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: Json }; Stat: string; Period: number } }[])
    .filter((query) => query.MetricStat)
    .map(({ MetricStat: stat }) => ({ metricName: stat!.Metric.MetricName, namespace: stat!.Metric.Namespace, dimensions: dims(stat!.Metric.Dimensions), stat: stat!.Stat, period: stat!.Period }));
}

const alarmsIn = (resources: Resources) => ofType(resources, 'AWS::CloudWatch::Alarm');
const alarmNamed = (resources: Resources, name: string) => {
  const found = Object.values(resources).filter((resource) => resource.Type.startsWith('AWS::CloudWatch::') && resource.Properties.AlarmName === name);
  expect(found, `exactly one alarm ${name}`).toHaveLength(1);
  return found[0]!;
};

beforeAll(() => {
  synthesized = synthesizeStages([
    { id: 'Test', stageName: 'dev' },
    { id: 'Prod', stageName: 'prod' },
  ]);
});
afterAll(() => synthesized?.cleanup());

it('synthesizes both stages without a cdk-nag finding', () => {
  const error = synthesized.synthError;
  expect(error === undefined ? undefined : String(error instanceof Error ? error.message : error)).toBeUndefined();
});

describe.each(STAGES)('Powertools, JSON logs and tracing on every function (%s)', (name) => {
  it.each(SERVICES.map((service) => [service.name, service] as const))('%s: service name, metrics namespace, log level, no bodies in logs or traces', (_name, service) => {
    const functions = platformOf(name).services.get(service.name)!.functions;
    expect([...functions.keys()].sort()).toEqual(functionIds(service).sort());
    for (const [id, serviceFunction] of functions) {
      const props = serviceResources(name, service.name)[logicalIdOf(serviceFunction.fn)]!.Properties as {
        Environment: { Variables: Record<string, Json> };
        TracingConfig: Json;
        LoggingConfig: Record<string, Json>;
      };
      expect(props.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(props.LoggingConfig, id).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' });
      expect(props.Environment.Variables, id).toMatchObject({
        POWERTOOLS_SERVICE_NAME: service.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        // Lambda's log level (AWS_LAMBDA_LOG_LEVEL) wins over LOG_LEVEL in Powertools: they agree.
        LOG_LEVEL: props.LoggingConfig.ApplicationLogLevel,
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      });
    }
  });
});

describe.each(STAGES)('the alarm topic (%s)', (name) => {
  it('is one TLS-only topic per stage that CloudWatch alarms of this account may publish to, exposed as an output', () => {
    const resources = platformResources(name);
    const topics = ofType(resources, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0]!;
    expect(topic.Properties.TopicName).toBe(`tsp-${name}-alarms`);
    expect(logicalIdOf(platformOf(name).alarmTopic.topic)).toBe(topicId);

    const policies = ofType(resources, 'AWS::SNS::TopicPolicy').filter(([, policy]) => same(policy.Properties.Topics, [ref(topicId)]));
    expect(policies).toHaveLength(1);
    const statements = (policies[0]![1].Properties.PolicyDocument as { Statement: Record<string, Json>[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 'sns:Publish',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': platformOf(name).account } }),
        }),
      ]),
    );

    const outputs = Template.fromStack(platformOf(name)).findOutputs('AlarmTopicArn');
    expect(Object.values(outputs).map((output) => output.Value)).toEqual([ref(topicId)]);
  });

  it('every alarm of the stage notifies the topic on ALARM and OK, or is part of a composite alarm that does', () => {
    const topicRef = ref(logicalIdOf(platformOf(name).alarmTopic.topic));
    // Each service's stack (failure-queue alarms) and its observability stack.
    const stacks = SERVICES.flatMap((service) => [serviceResources(name, service.name), observabilityOf(name, service.name)]);
    const alarms = stacks.flatMap((resources) => Object.entries(resources).filter(([, resource]) => /^AWS::CloudWatch::(Composite)?Alarm$/.test(resource.Type)));
    expect(alarms.length).toBeGreaterThan(SERVICES.length * 4);
    for (const resources of stacks) {
      const composites = ofType(resources, 'AWS::CloudWatch::CompositeAlarm');
      for (const [id, alarm] of Object.entries(resources).filter(([, resource]) => /^AWS::CloudWatch::(Composite)?Alarm$/.test(resource.Type))) {
        if (same(alarm.Properties.AlarmActions, [topicRef]) && same(alarm.Properties.OKActions, [topicRef])) continue;
        const composite = composites.find(([, candidate]) => JSON.stringify(candidate.Properties.AlarmRule).includes(JSON.stringify(getAtt(id, 'Arn'))));
        expect(composite, `${String(alarm.Properties.AlarmName)} notifies the topic or feeds a composite alarm`).toBeDefined();
        expect(composite![1].Properties.AlarmActions, `${String(alarm.Properties.AlarmName)}'s composite`).toEqual([topicRef]);
        expect(alarm.Properties.AlarmActions, `${String(alarm.Properties.AlarmName)} notifies through its composite only`).toBeUndefined();
      }
    }
  });

  it('every alarm is named after its stage and service, and ignores missing data', () => {
    for (const service of SERVICES) {
      for (const [id, resource] of Object.entries(observabilityOf(name, service.name)).filter(([, r]) => r.Type.endsWith('Alarm'))) {
        expect(resource.Properties.AlarmName, id).toMatch(new RegExp(`^tsp-${name}-${service.name}-`));
        if (resource.Type === 'AWS::CloudWatch::Alarm') expect(resource.Properties.TreatMissingData, id).toBe('notBreaching');
      }
    }
  });
});

describe.each(SERVICES.map((service) => [service.name, service] as const))('alarms of %s (prod)', (_name, service) => {
  const name = 'prod';
  const prefix = `tsp-${name}-${service.name}`;
  const nested = () => observabilityOf(name, service.name);
  const serviceConstruct = () => platformOf(name).services.get(service.name)!;
  const fnRef = (id: string) => ref(logicalIdOf(serviceConstruct().functions.get(id)!.fn));

  it.runIf(service.routes.length > 0)('API 5xx rate: one alarm for the service over groups covering each of its routes once', () => {
    const resources = nested();
    const apiRef = ref(logicalIdOf(platformOf(name).api.api));
    const composite = alarmNamed(resources, `${prefix}-api-5xx`);
    expect(composite.Type).toBe('AWS::CloudWatch::CompositeAlarm');
    const groups = alarmsIn(resources).filter(([, alarm]) => String(alarm.Properties.AlarmName).startsWith(`${prefix}-api-5xx-rate-`));
    expect(groups).toHaveLength(Math.ceil(service.routes.length / ROUTES_PER_5XX_ALARM));
    const covered: string[] = [];
    for (const [id, group] of groups) {
      expect(JSON.stringify(composite.Properties.AlarmRule), id).toContain(JSON.stringify(getAtt(id, 'Arn')));
      const metrics = alarmMetrics(group);
      expect(metrics.length, `${id}: CloudWatch allows 10 metrics per alarm`).toBeLessThanOrEqual(10);
      for (const metric of metrics) {
        expect(metric).toMatchObject({ namespace: 'AWS/ApiGateway', stat: 'Sum', period: 300, dimensions: { ApiId: apiRef, Stage: '$default' } });
      }
      const errors = metrics.filter((metric) => metric.metricName === '5xx').map((metric) => metric.dimensions.Route as string);
      const requests = metrics.filter((metric) => metric.metricName === 'Count').map((metric) => metric.dimensions.Route as string);
      expect(errors.sort()).toEqual(requests.sort());
      covered.push(...errors);
      expect(group.Properties).toMatchObject({ Threshold: stageConfig(name).alarms.api5xxRatePercent, ComparisonOperator: 'GreaterThanThreshold' });
      const expression = (group.Properties.Metrics as { Expression?: string; ReturnData?: boolean }[]).find((query) => query.ReturnData)?.Expression;
      expect(expression, id).toMatch(/^IF\(SUM\(\[FILL\(n0, 0\).*>= \d+, 100 \* SUM\(\[FILL\(e0, 0\)/);
    }
    expect(covered.sort()).toEqual(service.routes.map(routeKey).sort());
  });

  it('the HTTP API stage emits the per-route metrics the 5xx alarms read', () => {
    const [, stage] = ofType(platformResources(name), 'AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ DetailedMetricsEnabled: true });
  });

  it('Lambda errors: one alarm per function', () => {
    const resources = nested();
    for (const id of functionIds(service)) {
      const alarm = alarmNamed(resources, `${prefix}-fn-${id}-errors`);
      expect(alarmMetrics(alarm), id).toEqual([{ metricName: 'Errors', namespace: 'AWS/Lambda', dimensions: { FunctionName: fnRef(id) }, stat: 'Sum', period: 300 }]);
      expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it.runIf(service.streamConsumers.length > 0)('stream iterator age: one alarm per stream consumer, on the maximum over 60 s', () => {
    const resources = nested();
    for (const consumer of service.streamConsumers) {
      const alarm = alarmNamed(resources, `${prefix}-stream-${consumer.id}-iterator-age`);
      expect(alarmMetrics(alarm), consumer.id).toEqual([{ metricName: 'IteratorAge', namespace: 'AWS/Lambda', dimensions: { FunctionName: fnRef(consumer.id) }, stat: 'Maximum', period: 60 }]);
      expect(alarm.Properties).toMatchObject({ Threshold: stageConfig(name).alarms.iteratorAgeSeconds * 1000, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it.runIf(failureQueueIds(service).length > 0)('failure destinations: every consumer has a failure queue, alarmed from its first message', () => {
    const resources = serviceResources(name, service.name);
    const queues = serviceConstruct().failureQueues;
    expect([...queues.keys()].sort()).toEqual(failureQueueIds(service).sort());
    for (const [id, queue] of queues) {
      const queueId = logicalIdOf(queue);
      const alarm = alarmNamed(resources, `${prefix}-failures-${id}`);
      expect(alarmMetrics(alarm), id).toEqual([
        { metricName: 'ApproximateNumberOfMessagesVisible', namespace: 'AWS/SQS', dimensions: { QueueName: getAtt(queueId, 'QueueName') }, stat: 'Maximum', period: 60 },
      ]);
      expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    }
    // Asynchronously invoked functions reach theirs through an on-failure destination.
    for (const id of [...service.s3Triggers, ...(service.logSubscriptions ?? [])].map((consumer) => consumer.id)) {
      const configs = ofType(resources, 'AWS::Lambda::EventInvokeConfig').filter(([, config]) => same(config.Properties.FunctionName, fnRef(id)));
      expect(configs, id).toHaveLength(1);
      expect(configs[0]![1].Properties.DestinationConfig).toEqual({ OnFailure: { Destination: getAtt(logicalIdOf(queues.get(id)!), 'Arn') } });
    }
  });

  it('DynamoDB: throttled requests (every granted operation), read and write throttle events (table and indexes) on each of its tables', () => {
    const resources = nested();
    for (const table of service.tables) {
      const tableRef = ref(logicalIdOf(platformOf(name).tables.get(table.id)!));
      const throttled = alarmMetrics(alarmNamed(resources, `${prefix}-ddb-${table.id}-throttled-requests`));
      expect(throttled.map((metric) => metric.dimensions.Operation).sort()).toEqual([...THROTTLED_OPERATIONS].sort());
      for (const metric of throttled) expect(metric).toMatchObject({ metricName: 'ThrottledRequests', namespace: 'AWS/DynamoDB', stat: 'Sum', dimensions: { TableName: tableRef } });

      for (const kind of ['read', 'write']) {
        const alarms = alarmsIn(resources).filter(([, alarm]) => String(alarm.Properties.AlarmName).startsWith(`${prefix}-ddb-${table.id}-${kind}-throttle-events`));
        expect(alarms.length, `${table.id} ${kind}`).toBeGreaterThan(0);
        const metrics = alarms.flatMap(([, alarm]) => alarmMetrics(alarm));
        for (const metric of metrics) expect(metric).toMatchObject({ metricName: kind === 'read' ? 'ReadThrottleEvents' : 'WriteThrottleEvents', stat: 'Sum', dimensions: { TableName: tableRef } });
        expect(metrics.map((metric) => metric.dimensions.GlobalSecondaryIndexName ?? null).sort()).toEqual([null, ...(table.indexes ?? []).map((index) => index.name)].sort());
      }
    }
  });
});

describe.each(SERVICES.map((service) => [service.name, service] as const))('the %s dashboard (prod)', (_name, service) => {
  const name = 'prod';
  const dashboard = () => dashboardOf(observabilityOf(name, service.name));
  const serviceConstruct = () => platformOf(name).services.get(service.name)!;

  it('is named after the stage and service and shows the state of every one of its alarms', () => {
    const { name: dashboardName, widgets } = dashboard();
    expect(dashboardName).toBe(`tsp-${name}-${service.name}`);
    const shown = widgets.find((widget) => widget.properties.title === WIDGETS.alarms)?.properties.alarms ?? [];
    const observability = observabilityOf(name, service.name);
    const own = Object.entries(observability)
      .filter(([, resource]) => resource.Type.endsWith('Alarm'))
      .map(([id]) => getAtt(id, 'Arn'));
    const failures = [...serviceConstruct().failureAlarms.values()].map((alarm) => getAtt(logicalIdOf(alarm), 'Arn'));
    expect(shown.map((arn) => JSON.stringify(arn)).sort()).toEqual([...own, ...failures].map((arn) => JSON.stringify(arn)).sort());
  });

  it.runIf(service.routes.length > 0)('API routes: requests, 5xx, 4xx (throttling answers 429), latency p50 and p99, one line per route', () => {
    const { widgets } = dashboard();
    const apiRef = ref(logicalIdOf(platformOf(name).api.api));
    const expected: [string, string, string][] = [
      [WIDGETS.apiRequests, 'Count', 'Sum'],
      [WIDGETS.api5xx, '5xx', 'Sum'],
      [WIDGETS.api4xx, '4xx', 'Sum'],
      [WIDGETS.apiLatencyP50, 'Latency', 'p50'],
      [WIDGETS.apiLatencyP99, 'Latency', 'p99'],
    ];
    for (const [title, metricName, stat] of expected) {
      const metrics = widgetMetrics(widgets, title);
      for (const metric of metrics) {
        expect(metric, title).toMatchObject({ namespace: 'AWS/ApiGateway', metricName, dimensions: { ApiId: apiRef, Stage: '$default' }, options: { stat } });
      }
      expect(metrics.map((metric) => metric.dimensions.Route).sort(), title).toEqual(service.routes.map(routeKey).sort());
    }
  });

  it('Lambda: invocations, errors, duration p99 and throttles of every function', () => {
    const { widgets } = dashboard();
    const expected: [string, string, string][] = [
      [WIDGETS.lambdaInvocations, 'Invocations', 'Sum'],
      [WIDGETS.lambdaErrors, 'Errors', 'Sum'],
      [WIDGETS.lambdaDurationP99, 'Duration', 'p99'],
      [WIDGETS.lambdaThrottles, 'Throttles', 'Sum'],
    ];
    const functions = [...serviceConstruct().functions.values()].map((serviceFunction) => ref(logicalIdOf(serviceFunction.fn)));
    for (const [title, metricName, stat] of expected) {
      const metrics = widgetMetrics(widgets, title);
      for (const metric of metrics) expect(metric, title).toMatchObject({ namespace: 'AWS/Lambda', metricName, options: { stat } });
      expect(metrics.map((metric) => JSON.stringify(metric.dimensions)).sort(), title).toEqual(functions.map((fn) => JSON.stringify({ FunctionName: fn })).sort());
    }
  });

  it('stream consumers: iterator age of each, when the service has any', () => {
    const { widgets } = dashboard();
    if (!service.streamConsumers.length) {
      expect(widgets.some((widget) => widget.properties.title === WIDGETS.iteratorAge)).toBe(false);
      return;
    }
    const metrics = widgetMetrics(widgets, WIDGETS.iteratorAge);
    for (const metric of metrics) expect(metric).toMatchObject({ namespace: 'AWS/Lambda', metricName: 'IteratorAge', options: { stat: 'Maximum' } });
    expect(metrics.map((metric) => JSON.stringify(metric.dimensions.FunctionName)).sort()).toEqual(
      service.streamConsumers.map((consumer) => JSON.stringify(ref(logicalIdOf(serviceConstruct().functions.get(consumer.id)!.fn)))).sort(),
    );
  });

  it.runIf(failureQueueIds(service).length > 0)('failure destinations: the depth of each failure queue', () => {
    const metrics = widgetMetrics(dashboard().widgets, WIDGETS.failureQueueDepth);
    for (const metric of metrics) expect(metric).toMatchObject({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', options: { stat: 'Maximum' } });
    expect(metrics.map((metric) => JSON.stringify(metric.dimensions.QueueName)).sort()).toEqual(
      [...serviceConstruct().failureQueues.values()].map((queue) => JSON.stringify(getAtt(logicalIdOf(queue), 'QueueName'))).sort(),
    );
  });

  it('DynamoDB: throttled requests, throttle events and consumed capacity of each of its tables', () => {
    const { widgets } = dashboard();
    const tableRefs = service.tables.map((table) => JSON.stringify(ref(logicalIdOf(platformOf(name).tables.get(table.id)!))));
    const throttles = widgetMetrics(widgets, WIDGETS.ddbThrottles);
    for (const metricName of ['ThrottledRequests', 'ReadThrottleEvents', 'WriteThrottleEvents']) {
      const tables = new Set(throttles.filter((metric) => metric.metricName === metricName).map((metric) => JSON.stringify(metric.dimensions.TableName)));
      expect([...tables].sort(), metricName).toEqual([...tableRefs].sort());
    }
    const operations = throttles.filter((metric) => metric.metricName === 'ThrottledRequests').map((metric) => metric.dimensions.Operation);
    expect(new Set(operations)).toEqual(new Set(THROTTLED_OPERATIONS));
    const capacity = widgetMetrics(widgets, WIDGETS.ddbCapacity);
    for (const metricName of ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits']) {
      const tables = capacity.filter((metric) => metric.metricName === metricName).map((metric) => JSON.stringify(metric.dimensions.TableName));
      expect(tables.sort(), metricName).toEqual([...tableRefs].sort());
    }
  });
});

describe('data outside dev is kept', () => {
  const tables = SERVICES.flatMap((service) => service.tables);

  it.each(tables.map((table) => [table.id, table] as const))('prod: the %s table is deletion-protected, retained and has point-in-time recovery', (_id, definition) => {
    const found = ofType(platformResources('prod'), 'AWS::DynamoDB::GlobalTable').filter(([, table]) => table.Properties.TableName === physicalTableName('prod', definition));
    expect(found).toHaveLength(1);
    const [, table] = found[0]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    const replicas = table.Properties.Replicas as { DeletionProtectionEnabled?: boolean; PointInTimeRecoverySpecification?: Json }[];
    expect(replicas.length).toBeGreaterThan(0);
    for (const replica of replicas) {
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('prod: buckets, secrets, log groups, failure queues and the user pool are retained; the user pool is deletion-protected', () => {
    // Buckets, log groups and queues live in the services' nested stacks: every stack of the stage counts.
    const resources = Object.fromEntries(allStageResources('prod').map(([id, resource], index) => [`${index}:${id}`, resource])) as Resources;
    for (const type of ['AWS::S3::Bucket', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue', 'AWS::Cognito::UserPool']) {
      const found = ofType(resources, type);
      expect(found.length, type).toBeGreaterThan(0);
      for (const [id, resource] of found) {
        expect(resource.DeletionPolicy, `${type} ${id}`).toBe('Retain');
        expect(resource.UpdateReplacePolicy, `${type} ${id}`).toBe('Retain');
      }
    }
    for (const [id, pool] of ofType(resources, 'AWS::Cognito::UserPool')) expect(pool.Properties.DeletionProtection, id).toBe('ACTIVE');
  });

  it('dev: tables are neither deletion-protected nor retained (a dev stage is thrown away), but still have PITR', () => {
    const found = ofType(platformResources('dev'), 'AWS::DynamoDB::GlobalTable');
    expect(found).toHaveLength(tables.length);
    for (const [id, table] of found) {
      expect(table.DeletionPolicy, id).toBe('Delete');
      for (const replica of table.Properties.Replicas as { DeletionProtectionEnabled?: boolean; PointInTimeRecoverySpecification?: Json }[]) {
        expect(replica.DeletionProtectionEnabled, id).not.toBe(true);
        expect(replica.PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
      }
    }
  });
});

type Statement = { Effect: string; Action?: Json; NotAction?: Json; Resource?: Json; Principal?: Json };
function statementsIn(node: Json): Statement[] {
  if (Array.isArray(node)) return node.flatMap(statementsIn);
  if (!node || typeof node !== 'object') return [];
  const object = node as Record<string, Json>;
  const own = Array.isArray(object.Statement) ? (object.Statement as Statement[]) : [];
  return [...own, ...Object.values(object).flatMap(statementsIn)];
}
const actionsOf = (statement: Statement) => [statement.Action].flat().filter((action): action is string => typeof action === 'string');
const DATA_SERVICES = /^(dynamodb|s3|sqs|sns|secretsmanager|kms|logs):/;

describe.each(STAGES)('no wildcard access to data (%s)', (name) => {
  // Every stack of the stage, nested ones (the observability stacks) included.
  const statements = () =>
    allConstructs(stageNamed(name))
      .filter((construct) => Stack.isStack(construct))
      .flatMap((stack) => statementsIn(Template.fromStack(stack).toJSON()));

  it('no Allow statement in any policy of the stage names a wildcard action (dynamodb:*, s3:*, s3:Get*…) or "*"', () => {
    const allows = statements().filter((statement) => statement.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const statement of allows) {
      expect(statement.NotAction, JSON.stringify(statement)).toBeUndefined();
      for (const action of actionsOf(statement)) {
        expect(action, JSON.stringify(statement)).not.toBe('*');
        if (DATA_SERVICES.test(action)) expect(action, JSON.stringify(statement)).not.toContain('*');
      }
    }
  });

  it('DynamoDB and S3 actions are always allowed on named resources, never on "*"', () => {
    for (const statement of statements().filter((s) => s.Effect === 'Allow' && actionsOf(s).some((action) => /^(dynamodb|s3):/.test(action)))) {
      const resources = [statement.Resource].flat();
      expect(resources.length, JSON.stringify(statement)).toBeGreaterThan(0);
      for (const resource of resources) expect(resource, JSON.stringify(statement)).not.toBe('*');
    }
  });
});
