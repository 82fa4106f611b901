import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, serviceTemplate, synthesizeStages, type SynthesizedStages } from './synth';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (statements: Statement[]) => statements.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

let synth: SynthesizedStages;
let platform: Template;

const service = () => synth.stages.get('dev')!.platform.services.get('learning-hours')!;
function policyStatementsOf(functionId: string): Statement[] {
  const roleId = logicalIdOf(service().functions.get(functionId)!.role);
  return Object.values(platform.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const s3Statements = (functionId: string) => policyStatementsOf(functionId).filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));

beforeAll(() => {
  synth = synthesizeStages([{ id: 'Hours', stageName: 'dev' }]);
  platform = serviceTemplate(synth.stages.get('dev')!, 'learning-hours');
});
afterAll(() => synth.cleanup());

describe('learning-hours infrastructure', () => {
  it('notifies the ingest function of CSV files under uploads/ only', () => {
    const ingestId = logicalIdOf(service().functions.get('ingestRosters')!.fn);
    const notifications = Object.values(platform.findResources('Custom::S3BucketNotifications'));
    const configs = notifications.flatMap((n) => (n.Properties.NotificationConfiguration.LambdaFunctionConfigurations ?? []) as { LambdaFunctionArn: unknown; Filter: unknown; Events: string[] }[]);
    const ingest = configs.filter((c) => JSON.stringify(c.LambdaFunctionArn).includes(ingestId));
    expect(ingest).toHaveLength(1);
    expect(ingest[0]!.Events).toEqual(['s3:ObjectCreated:*']);
    const rules = (ingest[0]!.Filter as { Key: { FilterRules: unknown[] } }).Key.FilterRules;
    expect(rules).toHaveLength(2);
    expect(rules).toEqual(expect.arrayContaining([{ Name: 'prefix', Value: 'uploads/' }, { Name: 'suffix', Value: '.csv' }]));
  });

  it('lets the ingest function read uploads and write results, and nothing else in the bucket', () => {
    const statements = s3Statements('ingestRosters');
    const reads = statements.filter((s) => actionsOf([s]).includes('s3:GetObject'));
    const writes = statements.filter((s) => actionsOf([s]).includes('s3:PutObject'));
    expect(JSON.stringify(reads.map((s) => s.Resource))).toMatch(/uploads\/\*/);
    expect(JSON.stringify(reads.map((s) => s.Resource))).not.toMatch(/results\//);
    expect(JSON.stringify(writes.map((s) => s.Resource))).toMatch(/results\/\*/);
    expect(JSON.stringify(writes.map((s) => s.Resource))).not.toMatch(/uploads\//);
    // It deletes each roster (plaintext ID numbers) once ingested, and nothing else.
    const deletes = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:Delete')));
    expect(new Set(actionsOf(deletes))).toEqual(new Set(['s3:GetObject', 's3:DeleteObject', 's3:DeleteObjectVersion']));
    expect(JSON.stringify(deletes.map((s) => s.Resource))).toMatch(/uploads\/\*/);
    expect(JSON.stringify(deletes.map((s) => s.Resource))).not.toMatch(/results\//);
  });

  it('lets the upload-URL function sign only PUTs to uploads/', () => {
    const statements = s3Statements('requestRosterUpload');
    expect(new Set(actionsOf(statements).filter((a) => a.startsWith('s3:')))).not.toContain('s3:GetObject');
    expect(JSON.stringify(statements.map((s) => s.Resource))).toMatch(/uploads\/\*/);
    expect(JSON.stringify(statements.map((s) => s.Resource))).not.toMatch(/results\//);
  });

  it('expires what the ingest did not delete after 7 days, old versions after one, and lets browsers PUT rosters', () => {
    const bucketId = logicalIdOf(synth.stages.get('dev')!.platform.buckets.get('roster-uploads')!);
    const bucket = platform.findResources('AWS::S3::Bucket')[bucketId]!;
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toContainEqual(expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' }));
    expect(rules).toContainEqual(expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 1 } }));
    expect(JSON.stringify(bucket.Properties.CorsConfiguration)).toContain('PUT');
  });
});
