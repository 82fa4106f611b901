import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStages, type SynthesizedStages } from './synth';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (statements: Statement[]) => statements.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

let synth: SynthesizedStages;

const platform = () => synth.stages.get('dev')!.platform;
const service = () => platform().services.get('case-publication')!;
/** The template of the stack a construct is in (the platform stack, or a service's nested stack). */
const templateOf = (construct: IConstruct) => Template.fromStack(Stack.of(construct));

function statementsOf(functionId: string): Statement[] {
  const role = service().functions.get(functionId)!.role;
  const roleId = logicalIdOf(role);
  return Object.values(templateOf(role).findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
/** The S3 object prefixes a function may use with `action`, e.g. ['published/']. */
function prefixes(functionId: string, action: string): string[] {
  const resources = statementsOf(functionId)
    .filter((s) => actionsOf([s]).includes(action))
    .map((s) => JSON.stringify(s.Resource));
  return resources.map((r) => /\/([a-z]+\/)\*/.exec(r)?.[1] ?? '(whole bucket)').sort();
}

beforeAll(() => {
  synth = synthesizeStages([{ id: 'Cases', stageName: 'dev' }]);
});
afterAll(() => synth.cleanup());

describe('case-publication infrastructure', () => {
  it('checks uploads only: the trigger is notified of objects under cases/, which it may read and delete', () => {
    const triggerId = logicalIdOf(service().functions.get('verifyCaseAttachments')!.fn);
    const bucket = platform().buckets.get('case-documents')!;
    const configs = Object.values(templateOf(bucket).findResources('Custom::S3BucketNotifications')).flatMap(
      (n) => (n.Properties.NotificationConfiguration.LambdaFunctionConfigurations ?? []) as { LambdaFunctionArn: unknown; Filter: { Key: { FilterRules: unknown[] } } }[],
    );
    const mine = configs.filter((c) => JSON.stringify(c.LambdaFunctionArn).includes(triggerId));
    expect(mine.map((c) => c.Filter.Key.FilterRules)).toEqual([[{ Name: 'prefix', Value: 'cases/' }]]);
    expect(prefixes('verifyCaseAttachments', 's3:DeleteObjectVersion')).toEqual(['cases/']);
    expect(prefixes('verifyCaseAttachments', 's3:PutObject')).toEqual([]);
  });

  it('gives each function only the objects it uses: nothing writes published/ but publish, and public reads touch nothing else', () => {
    expect(prefixes('publishCase', 's3:PutObject')).toEqual(['published/']);
    expect(prefixes('publishCase', 's3:GetObject')).toEqual(['cases/', 'drafts/']);
    expect(prefixes('getPublicCase', 's3:GetObject')).toEqual(['published/']);
    expect(prefixes('listPublicCases', 's3:GetObject')).toEqual([]);
    expect(prefixes('requestCaseAttachment', 's3:PutObject')).toEqual(['cases/']);
    expect(prefixes('requestCaseAttachment', 's3:GetObject')).toEqual([]);
    for (const id of ['listPublicCases', 'getPublicCase', 'getCase']) {
      expect(actionsOf(statementsOf(id)).filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)), id).toEqual([]);
    }
  });

  it('has the sparse inverted index for listings and search, the stream the events come from, and browser uploads', () => {
    const cases = platform().tables.get('cases')!;
    const table = templateOf(cases).findResources('AWS::DynamoDB::GlobalTable')[logicalIdOf(cases)]!;
    const index = (table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: { ProjectionType: string } }[]).find((i) => i.IndexName === 'inverted');
    expect(index?.KeySchema).toEqual([
      { AttributeName: 'ipk', KeyType: 'HASH' },
      { AttributeName: 'isk', KeyType: 'RANGE' },
    ]);
    expect(index?.Projection.ProjectionType).toBe('INCLUDE');
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const documents = platform().buckets.get('case-documents')!;
    const bucket = templateOf(documents).findResources('AWS::S3::Bucket')[logicalIdOf(documents)]!;
    expect(JSON.stringify(bucket.Properties.CorsConfiguration)).toContain('PUT');
  });
});
