import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certificatesService } from '../../../functions/certificates/service';
import { platformService } from '../../../functions/platform/service';
import { issueCertificates } from '../../../functions/certificates/app/issue';
import { prepareIssue } from '../../../functions/certificates/core/issuing';
import { parseCertificateNumber } from '../../../functions/certificates/core/number';
import { issueRequest } from '../../../functions/certificates/schemas';
import { applyTransition, getCertificate } from '../../../functions/certificates/store/certificates';
import { setDynamoClient } from '../../../shared/ddb/client';
import { personIdFor } from '../../../shared/pii/keyed-hash';
import { useLocalAws } from '../../support/local-aws';

const ID_NUMBER = '11010519491231002X';
const request = (region: string, name = '张三', type = 'ZC') =>
  issueRequest.parse({
    type,
    region,
    holder: { name, idNumber: ID_NUMBER },
    title: '高级工程师',
    issuerName: '测试人社局',
    issueDate: '2026-03-01',
  });
const prepared = (region: string, name?: string, type?: string) => prepareIssue(request(region, name, type), personIdFor(ID_NUMBER, process.env.PII_HASH_KEY!));

describe('issuing certificates (DynamoDB Local)', () => {
  let aws: Awaited<ReturnType<typeof useLocalAws>>;
  beforeAll(async () => {
    aws = await useLocalAws([platformService, certificatesService]);
  });
  afterEach(() => setDynamoClient(undefined));

  it('gives 200 concurrent issues in one (type, region, year) 200 distinct consecutive serials', async () => {
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => issueCertificates([{ index: i, issue: prepared('320500') }], 'issuer:320500')));
    const serials = outcomes.flat().map((o) => {
      if (o.status !== 'created') throw new Error('an issue failed');
      return o.certificate.serial;
    });
    expect(new Set(serials).size).toBe(200);
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (const o of outcomes.flat()) if (o.status === 'created') expect(parseCertificateNumber(o.certificate.number).ok).toBe(true);
  });

  it('stores no plaintext resident ID number anywhere', async () => {
    const raw = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1' });
    const { Items } = await raw.send(new ScanCommand({ TableName: aws.tables.certificates }));
    expect(Items!.length).toBeGreaterThan(200);
    const dump = JSON.stringify(Items);
    expect(dump).not.toContain(ID_NUMBER);
    expect(dump).not.toContain(ID_NUMBER.slice(0, 17));
    expect(dump).toContain('1101**********002X');
  });

  it('shows a revocation to the very next lookup, with who, when and why', async () => {
    const [outcome] = await issueCertificates([{ index: 0, issue: prepared('310000') }], 'issuer:310000');
    if (outcome!.status !== 'created') throw new Error('issue failed');
    const { number } = outcome!.certificate;
    const result = await applyTransition(number, 'revoke', { date: '2026-06-01', reason: '材料造假', by: 'issuer:310000' });
    expect(result.outcome).toBe('done');
    const cert = await getCertificate(number);
    expect(cert?.revocation).toEqual({ date: '2026-06-01', reason: '材料造假', by: 'issuer:310000' });
    expect(cert?.history.map((h) => h.action)).toEqual(['ISSUED', 'REVOKED']);
    expect((await applyTransition(number, 'revoke', { date: '2026-06-02', reason: 'again', by: 'x' })).outcome).toBe('conflict');
    expect((await applyTransition('ZC310000202699999990', 'revoke', { date: '2026-06-02', reason: 'x', by: 'x' })).outcome).toBe('not-found');
  });

  it('hands back serials whose write failed, so the next issue continues the sequence without a gap', async () => {
    const [first] = await issueCertificates([{ index: 0, issue: prepared('330100') }], 'issuer:330100');
    if (first!.status !== 'created') throw new Error('issue failed');
    // Inject a storage fault into the certificate write only (not the serial allocation).
    const faulty = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1', maxAttempts: 1 });
    faulty.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') throw Object.assign(new Error('injected'), { name: 'ProvisionedThroughputExceededException' });
        return next(args);
      },
      { step: 'initialize', name: 'injectFault' },
    );
    setDynamoClient(faulty);
    const failed = await issueCertificates([{ index: 0, issue: prepared('330100') }, { index: 1, issue: prepared('330100') }], 'issuer:330100');
    expect(failed.map((o) => o.status)).toEqual(['failed', 'failed']);
    setDynamoClient(undefined);
    const [next] = await issueCertificates([{ index: 0, issue: prepared('330100') }], 'issuer:330100');
    if (next!.status !== 'created') throw new Error('issue failed');
    expect(next!.certificate.serial).toBe(first!.certificate.serial + 1);
  });
});
