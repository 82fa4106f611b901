import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificates } from '../../../functions/certificates/app/issue';
import { prepareIssue } from '../../../functions/certificates/core/issuing';
import type { Certificate } from '../../../functions/certificates/core/model';
import { handler as documentLink } from '../../../functions/certificates/handlers/document';
import { handler as renderDocuments } from '../../../functions/certificates/handlers/render-documents';
import { handler as verify } from '../../../functions/certificates/handlers/verify';
import { issueRequest } from '../../../functions/certificates/schemas';
import { certificatesService } from '../../../functions/certificates/service';
import { platformService } from '../../../functions/platform/service';
import { generateSecretValues } from '../../../infra/secret-values';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { personIdFor } from '../../../shared/pii/keyed-hash';
import { setS3Client } from '../../../shared/s3/client';
import { invoke } from '../../support/http-events';
import { useLocalAws } from '../../support/local-aws';

/*
 * Fault (issue 7, item 6): S3 unavailable where certificates write and read their PDFs.
 * The PDF is rendered off the request path by a stream consumer (render-documents); the S3
 * fault here is a real 503 answer (the SDK's own parsing and retries run on it), on every
 * attempt, for the chosen S3 command:
 *  - PutObject of the PDF fails: the invocation fails (every record of its batch failed), so the
 *    mapping retries it; no object is left, the certificate itself stays issued and verifiable, and
 *    the document link answers 409 with Retry-After (not ready) — never a 5xx; the redelivered
 *    record then stores exactly one PDF under the number;
 *  - HeadObject fails while a holder or issuer asks for the document link: 503 problem+json
 *    with Retry-After; nothing cached, the next request gets the link.
 * The route-level S3 faults (case bodies, publishing) are in test/integration/fault-suite/.
 */

const ISSUER = { sub: 'faults-issuer-gz', 'cognito:groups': '[issuer]', 'custom:region': '440100' };

/** A local-S3 client that answers 503 to the chosen command, as S3 does under "SlowDown"/"ServiceUnavailable". */
class S3Outage {
  command: string | undefined;
  attempts = 0;

  client(): S3Client {
    const client = new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', maxAttempts: 3 });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (this.command && context.commandName === this.command) {
          this.attempts += 1;
          const head = this.command === 'HeadObjectCommand';
          const xml = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>';
          return { response: { statusCode: 503, headers: head ? {} : { 'content-type': 'application/xml' }, body: Readable.from(head ? [] : [Buffer.from(xml)]) } } as never;
        }
        return next(args);
      },
      // Innermost (below the SDK's deserializer, inside its retries): the SDK parses the 503 as it would S3's.
      { step: 'deserialize', priority: 'low', name: 's3Outage' },
    );
    return client;
  }

  async during<T>(command: string, work: () => Promise<T>): Promise<T> {
    this.command = command;
    this.attempts = 0;
    try {
      return await work();
    } finally {
      this.command = undefined;
    }
  }
}

const outage = new S3Outage();
let aws: Awaited<ReturnType<typeof useLocalAws>>;
let cert: Certificate;

const insertEvent = (c: Certificate): DynamoDBStreamEvent => ({
  Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '7', NewImage: marshall({ pk: `CERT#${c.number}`, sk: '#CERT', entity: 'Certificate', ...c }, { removeUndefinedValues: true }) as never } }],
});
const pdfKeys = async () =>
  ((await aws.clients.s3.send(new ListObjectsV2Command({ Bucket: aws.buckets['certificate-documents'], Prefix: `certificates/${cert.number}` }))).Contents ?? []).map((o) => o.Key);
const link = () => invoke(documentLink, { method: 'GET', pathParameters: { number: cert.number }, claims: ISSUER });

beforeAll(async () => {
  aws = await useLocalAws([platformService, certificatesService]);
  Object.assign(process.env, await generateSecretValues(certificatesService.secrets!), { PUBLIC_BASE_URL: 'https://verify.example.org' });
  const issue = prepareIssue(
    issueRequest.parse({ type: 'PX', region: '440100', holder: { name: '黄广州', idNumber: '11010519491231002X' }, title: '数字技术培训', issuerName: '广州市人社局', issueDate: '2026-02-01' }),
    personIdFor('11010519491231002X', process.env.PII_HASH_KEY!),
  );
  const [outcome] = await issueCertificates([{ index: 0, issue }], 'issuer:440100');
  if (outcome!.status !== 'created') throw new Error('issue failed');
  cert = outcome!.certificate;
  setS3Client(outage.client());
});
afterAll(() => setS3Client(undefined));

describe('S3 unavailable for certificate PDFs (DynamoDB Local + local S3)', () => {
  it('PDF write fails: the batch fails for a retry, nothing stored, the link says "not ready"; the retry stores one PDF', async () => {
    // Every record of the batch failed: the invocation fails as a whole (Powertools'
    // FullBatchFailureError), so the mapping retries the batch (and bisects, then the failure destination).
    await expect(outage.during('PutObjectCommand', () => renderDocuments(insertEvent(cert), lambdaContext('render', 60) as Context))).rejects.toThrow(/All records failed/);
    expect(outage.attempts).toBe(3); // the SDK retried the 503 before the handler gave up
    expect(await pdfKeys()).toEqual([]);

    // The certificate is issued and verifiable all the same; its document is just not there yet.
    const verified = await invoke(verify, { method: 'GET', pathParameters: { number: cert.number }, query: { name: '黄广州' } });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ number: cert.number, status: 'VALID' });
    const notReady = await link();
    expect(notReady.status).toBe(409);
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(notReady.headers['retry-after'])).toBeGreaterThan(0);

    // The mapping delivers the record again once S3 is back.
    expect((await renderDocuments(insertEvent(cert), lambdaContext('render', 60) as Context)).batchItemFailures).toEqual([]);
    expect(await pdfKeys()).toEqual([`certificates/${cert.number}.pdf`]);
    const object = await aws.clients.s3.send(new GetObjectCommand({ Bucket: aws.buckets['certificate-documents'], Key: `certificates/${cert.number}.pdf` }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await link()).status).toBe(200);
  });

  it('S3 unavailable while the document link is asked for: 503 problem+json with Retry-After, then the link', async () => {
    const failed = await outage.during('HeadObjectCommand', link);
    expect(failed.status, failed.raw).toBe(503);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(failed.headers['retry-after'])).toBeGreaterThan(0);
    expect(failed.body).toMatchObject({ status: 503, type: '/problems/unavailable' });
    expect(outage.attempts).toBe(3);
    const ok = await link();
    expect(ok.status).toBe(200);
    expect(String(ok.body!.url)).toContain(`certificates/${cert.number}.pdf`);
  });
});
