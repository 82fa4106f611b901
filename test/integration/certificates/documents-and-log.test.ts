import { gzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { CloudWatchLogsEvent, Context, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCertificates } from '../../../functions/certificates/app/issue';
import { prepareIssue } from '../../../functions/certificates/core/issuing';
import type { Certificate } from '../../../functions/certificates/core/model';
import { VERIFICATION_AUDIT } from '../../../functions/certificates/core/verification-log';
import { handler as recordVerifications } from '../../../functions/certificates/handlers/record-verifications';
import { handler as renderDocuments } from '../../../functions/certificates/handlers/render-documents';
import { issueRequest } from '../../../functions/certificates/schemas';
import { certificatesService } from '../../../functions/certificates/service';
import { listVerifications } from '../../../functions/certificates/store/verifications';
import { platformService } from '../../../functions/platform/service';
import { generateSecretValues } from '../../../infra/secret-values';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { personIdFor } from '../../../shared/pii/keyed-hash';
import { useLocalAws } from '../../support/local-aws';

let aws: Awaited<ReturnType<typeof useLocalAws>>;
let cert: Certificate;

beforeAll(async () => {
  aws = await useLocalAws([platformService, certificatesService]);
  Object.assign(process.env, await generateSecretValues(certificatesService.secrets!), { PUBLIC_BASE_URL: 'https://verify.example.org' });
  const issue = prepareIssue(
    issueRequest.parse({ type: 'PX', region: '440100', holder: { name: '欧阳娜娜', idNumber: '11010519491231002X' }, title: '数字技术培训', issuerName: '广州市人社局', issueDate: '2026-02-01' }),
    personIdFor('11010519491231002X', process.env.PII_HASH_KEY!),
  );
  const [outcome] = await issueCertificates([{ index: 0, issue }], 'issuer:440100');
  if (outcome!.status !== 'created') throw new Error('issue failed');
  cert = outcome!.certificate;
});

describe('certificate PDFs (stream consumer → local S3)', () => {
  it('renders the PDF of an INSERT record and stores it under the certificate number', async () => {
    const event: DynamoDBStreamEvent = {
      Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall({ pk: `CERT#${cert.number}`, sk: '#CERT', entity: 'Certificate', ...cert }, { removeUndefinedValues: true }) as never } }],
    };
    const result = await renderDocuments(event, lambdaContext('render', 60) as Context);
    expect(result.batchItemFailures).toEqual([]);
    const object = await aws.clients.s3.send(new GetObjectCommand({ Bucket: aws.buckets['certificate-documents'], Key: `certificates/${cert.number}.pdf` }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(200_000); // the font is subset, not embedded whole
  });
});

describe('the verification audit trail (log subscription → table)', () => {
  const logEvent = (ids: string[]): CloudWatchLogsEvent => ({
    awslogs: {
      data: gzipSync(
        JSON.stringify({
          messageType: 'DATA_MESSAGE',
          owner: '0',
          logGroup: 'g',
          logStream: 's',
          subscriptionFilters: ['f'],
          logEvents: ids.map((id, i) => ({
            id: String(i),
            timestamp: 0,
            message: JSON.stringify({ audit: VERIFICATION_AUDIT, verification: { id, number: cert.number, at: `2026-06-01T00:00:0${i}.000Z`, method: 'number', verifier: 'unit:U-1' } }),
          })),
        }),
      ).toString('base64'),
    },
  });

  it('stores each verification once, even when the batch is delivered twice', async () => {
    await recordVerifications(logEvent(['a', 'b']), lambdaContext('recordVerifications', 30));
    await recordVerifications(logEvent(['a', 'b']), lambdaContext('recordVerifications', 30));
    const stored = await listVerifications(cert.number);
    expect(stored.map((v) => v.id).sort()).toEqual(['a', 'b']);
    expect(stored[0]).toMatchObject({ method: 'number', verifier: 'unit:U-1' });
  });
});
