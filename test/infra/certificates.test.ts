import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatesService } from '../../functions/certificates/service';
import { logicalIdOf, resourceOf, serviceTemplate, synthesizeStages, type SynthesizedStages } from './synth';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (statements: Statement[]) => statements.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

let synth: SynthesizedStages;
let platform: Template;
let platformStack: Template;
let edge: Template;

function policyStatementsOf(functionId: string): Statement[] {
  const fn = synth.stages.get('dev')!.platform.services.get('certificates')!.functions.get(functionId)!;
  const roleId = logicalIdOf(fn.role);
  return Object.values(platform.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

beforeAll(() => {
  synth = synthesizeStages([{ id: 'Cert', stageName: 'dev' }]);
  const stage = synth.stages.get('dev')!;
  platform = serviceTemplate(stage, 'certificates');
  platformStack = Template.fromStack(stage.platform);
  edge = Template.fromStack(stage.edge);
});
afterAll(() => synth.cleanup());

describe('certificates infrastructure', () => {
  it('lets the public verify function only read the certificates table and count lookups', () => {
    const statements = policyStatementsOf('verifyCertificate');
    const data = actionsOf(statements).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'));
    expect(new Set(data)).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
    const dynamo = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
    // The tables live in the platform stack; across the nested-stack boundary an ARN arrives as a parameter named after the table.
    const reads = JSON.stringify(dynamo.filter((s) => actionsOf([s]).includes('dynamodb:GetItem')).map((s) => s.Resource));
    expect(reads).toMatch(/referenceto\w*Tablecertificates\w*Arn/);
    expect(reads).not.toMatch(/Tableratelimit|Tableidempotency/);
    // The lookup budget: one UpdateItem on the rate-limit table, nothing else of it.
    const counting = dynamo.filter((s) => JSON.stringify(s.Resource).match(/Tableratelimit/));
    expect(counting.flatMap((s) => actionsOf([s]))).toEqual(['dynamodb:UpdateItem']);
    expect(JSON.stringify(dynamo.map((s) => s.Resource))).not.toMatch(/Tableidempotency/);
  });

  it('gives the three lookup routes the budget figures (600 anonymous, the same as the edge; 10,000 per organisation) and the viewer-address header', () => {
    const functions = synth.stages.get('dev')!.platform.services.get('certificates')!.functions;
    for (const id of ['verifyCertificate', 'verifyCertificateToken', 'verifyCertificatesBatch']) {
      const variables = (resourceOf(functions.get(id)!.fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables, id).toMatchObject({ LOOKUPS_PER_5_MIN_ANONYMOUS: '600', LOOKUPS_PER_5_MIN_ORGANISATION: '10000', CLIENT_ADDRESS_HEADER: 'cloudfront-viewer-address' });
      expect(Object.keys(variables), id).toEqual(expect.arrayContaining(['RATE_LIMIT_TABLE', 'PII_HASH_KEY_SECRET_ARN']));
    }
    // No other certificates function counts lookups.
    const issue = (resourceOf(functions.get('issueCertificate')!.fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(issue)).not.toContain('RATE_LIMIT_TABLE');
  });

  it('keeps the certificate PDF bucket private, TLS-only and encrypted', () => {
    const bucketId = logicalIdOf(synth.stages.get('dev')!.platform.buckets.get('certificate-documents')!);
    const bucket = platform.findResources('AWS::S3::Bucket')[bucketId]!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    const policies = Object.values(platform.findResources('AWS::S3::BucketPolicy')).filter((p) => JSON.stringify(p.Properties.Bucket).includes(bucketId));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as (Statement & { Principal: unknown })[]);
    expect(statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('"*"'))).toEqual([]);
    expect(statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s).includes('aws:SecureTransport'))).toBe(true);
  });

  it('rate-limits /public/* per client with a WAF web ACL on the CloudFront distribution', () => {
    edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: [
        {
          Name: 'public-rate-per-client',
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              Limit: 600,
              ScopeDownStatement: { ByteMatchStatement: { PositionalConstraint: 'STARTS_WITH', SearchString: '/public/' } },
            },
          },
        },
        { Name: 'aws-common-rules' },
        { Name: 'aws-known-bad-inputs' },
      ],
    });
    const distributions = Object.values(platformStack.findResources('AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(1);
    expect(distributions[0]!.Properties.DistributionConfig.WebACLId).toBeDefined();
  });

  it('renders PDFs from INSERTs of the table stream, with retries, bisection and a failure queue', () => {
    platform.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify(certificatesService.streamConsumers.find((c) => c.id === 'renderCertificateDocuments')!.filters[0]) }] },
      DestinationConfig: { OnFailure: { Destination: {} } },
    });
  });

  it('subscribes the audit recorder to the three verify functions\' logs, and nothing else', () => {
    const filters = Object.values(platform.findResources('AWS::Logs::SubscriptionFilter'));
    expect(filters).toHaveLength(3);
    for (const filter of filters) expect(filter.Properties.FilterPattern).toBe('{ $.audit = "certificate.verified" }');
  });
});
