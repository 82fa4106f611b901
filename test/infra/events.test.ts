import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import { logicalIdOf, platformStacks, serviceTemplate, synthesizeStages, type SynthesizedStages } from './synth';

let synth: SynthesizedStages;
let platform: Template;

const stack = () => synth.stages.get('dev')!.platform;
const consumers = SERVICES.flatMap((s) => s.eventConsumers ?? []);

beforeAll(() => {
  synth = synthesizeStages([{ id: 'Events', stageName: 'dev' }]);
  platform = Template.fromStack(stack());
});
afterAll(() => synth.cleanup());

describe('domain event transport (DESIGN §8)', () => {
  it('has one event bus for the platform', () => {
    platform.resourceCountIs('AWS::Events::EventBus', 1);
    platform.hasResourceProperties('AWS::Events::EventBus', { Name: 'tsp-dev' });
  });

  it.each(consumers.map((c) => [`${c.service}.${c.id}`, c] as const))('routes %s its event types, with retries and a dead-letter queue that is alarmed', (_name, consumer) => {
    const service = stack().services.get(consumer.service)!;
    const fnId = logicalIdOf(service.functions.get(consumer.id)!.fn);
    const queueId = logicalIdOf(service.failureQueues.get(consumer.id)!);
    const template = serviceTemplate(synth.stages.get('dev')!, consumer.service);
    template.hasResourceProperties('AWS::Events::Rule', {
      // The bus is the platform stack's: its name arrives as a nested-stack parameter.
      EventBusName: { Ref: Match.stringLikeRegexp('^referenceto\\w*Events') },
      EventPattern: { 'detail-type': consumer.events },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }], Threshold: 0 });
  });

  it('lets only the stream publishers put events, on this bus alone', () => {
    const templates = platformStacks(synth.stages.get('dev')!).map((st) => Template.fromStack(st));
    const putters = templates.flatMap((t) => Object.values(t.findResources('AWS::IAM::Policy'))).filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('events:PutEvents'));
    const publishers = SERVICES.filter((s) => s.streamConsumers.some((c) => c.id === 'publishEvents')).map((s) => logicalIdOf(stack().services.get(s.name)!.functions.get('publishEvents')!.role));
    expect(publishers.length).toBe(3);
    expect(new Set(putters.flatMap((p) => p.Properties.Roles.map((r: { Ref: string }) => r.Ref)))).toEqual(new Set(publishers));
    for (const p of putters) {
      const statement = (p.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[]).find((st) => st.Action === 'events:PutEvents')!;
      expect(JSON.stringify(statement.Resource)).toMatch(/^\{"Ref":"referenceto\w*Events\w*Arn"\}$/);
    }
  });
});
