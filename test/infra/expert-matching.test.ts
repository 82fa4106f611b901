import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, serviceTemplate, synthesizeStages, type SynthesizedStages } from './synth';

let synth: SynthesizedStages;
let platform: Template;

const service = () => synth.stages.get('dev')!.platform.services.get('expert-matching')!;

beforeAll(() => {
  synth = synthesizeStages([{ id: 'Match', stageName: 'dev' }]);
  platform = serviceTemplate(synth.stages.get('dev')!, 'expert-matching');
});
afterAll(() => synth.cleanup());

describe('expert-matching infrastructure', () => {
  it('indexes experts by discipline so candidates are queried, never scanned', () => {
    Template.fromStack(synth.stages.get('dev')!.platform).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'byDiscipline', KeySchema: [{ AttributeName: 'disciplineGroup', KeyType: 'HASH' }, { AttributeName: 'expertId', KeyType: 'RANGE' }] })]),
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    const statements = Object.values(platform.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    expect(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))).not.toContain('dynamodb:Scan');
  });

  it('matches on need INSERTs only, reporting failed records one by one to a failure queue', () => {
    const fnId = logicalIdOf(service().functions.get('matchNeeds')!.fn);
    platform.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Need'] } } } }) }] },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('alarms as soon as a need could not be matched (a record in the failure queue), so none stays SUBMITTED silently', () => {
    const queueId = logicalIdOf(service().failureQueues.get('matchNeeds')!);
    platform.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
    });
  });
});
