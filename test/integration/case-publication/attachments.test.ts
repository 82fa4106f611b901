import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../functions/case-publication/core/attachments';
import { casePublicationService } from '../../../functions/case-publication/service';
import { getAttachment } from '../../../functions/case-publication/store/attachments';
import { platformService } from '../../../functions/platform/service';
import { s3Client } from '../../../shared/s3/client';
import { useLocalAws } from '../../support/local-aws';
import { api, caseBody, expectStatus, ISSUER_SH, notifyUpload, REVIEWER_SH } from './api';

let bucket: string;
beforeAll(async () => {
  bucket = (await useLocalAws([platformService, casePublicationService])).buckets['case-documents']!;
});

const PDF = 'application/pdf';
const pdfBytes = (size: number, fill = 'x') => new TextEncoder().encode(`%PDF-1.7\n${fill.repeat(size - 9)}`);
const EXE = (size: number) => new Uint8Array(size).fill(0x90).fill(0x4d, 0, 1).fill(0x5a, 1, 2);

interface Upload {
  attachmentId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
}

async function newCase(): Promise<string> {
  return (await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody()), 201)).id;
}

/** PUTs bytes to an upload URL as a (possibly lying) client would, with these headers. */
async function put(url: string, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<void> {
  const res = await fetch(url, { method: 'PUT', body: bytes, headers: { 'content-type': contentType } });
  expect(res.status).toBe(200);
}

const keyOf = (upload: Upload) => decodeURIComponent(new URL(upload.uploadUrl).pathname).replace(`/${bucket}/`, '');
const exists = (key: string) =>
  s3Client()
    .send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    .then(() => true)
    .catch(() => false);

describe('attachment uploads (DynamoDB Local + local S3)', () => {
  it('chooses every key itself, under the case’s prefix, whatever the file is called', async () => {
    const id = await newCase();
    const names = ['../../etc/passwd.pdf', '/absolute/path/report.pdf', 'C:\\Users\\张三\\材料.pdf', '..\\..\\boot.pdf', 'invoice\u202Efdp.pdf', 'cases/other-case/attachments/x.pdf', '%2e%2e%2fescape.pdf', 'a\u0000b.pdf'];
    for (const fileName of names) {
      const upload = await expectStatus<Upload>(api.requestAttachment(ISSUER_SH, id, { fileName, contentType: PDF, size: 100 }), 201);
      expect(keyOf(upload), fileName).toBe(`cases/${id}/attachments/${upload.attachmentId}.pdf`);
      const stored = await getAttachment(id, upload.attachmentId);
      expect(stored!.fileName, fileName).not.toMatch(/[/\\\p{Cc}\u202e]/u);
      // Type and length are signed into the URL: S3 takes no other.
      expect(new URL(upload.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
      expect(upload.uploadHeaders).toEqual({ 'content-type': PDF, 'content-length': '100' });
    }
    for (const fileName of ['..', '../', '\u0000\u202e']) {
      const res = await api.requestAttachment(ISSUER_SH, id, { fileName, contentType: PDF, size: 100 });
      expect([res.status, res.body?.errors], fileName).toEqual([400, [expect.objectContaining({ path: 'body.fileName' })]]);
    }
    const view = await expectStatus<{ attachments: { fileName: string }[] }>(api.get(ISSUER_SH, id), 200);
    expect(view.attachments.map((a) => a.fileName)).toEqual(['passwd.pdf', 'report.pdf', '材料.pdf', 'boot.pdf', 'invoicefdp.pdf', 'x.pdf', '%2e%2e%2fescape.pdf', 'ab.pdf']);
  });

  it('refuses at request time a file too large, of another type, or named for another type', async () => {
    const id = await newCase();
    const cases: [unknown, string][] = [
      [{ fileName: 'big.pdf', contentType: PDF, size: MAX_ATTACHMENT_BYTES + 1 }, 'body.size'],
      [{ fileName: 'empty.pdf', contentType: PDF, size: 0 }, 'body.size'],
      [{ fileName: 'page.html', contentType: 'text/html', size: 100 }, 'body.contentType'],
      [{ fileName: 'setup.exe', contentType: 'application/x-msdownload', size: 100 }, 'body.contentType'],
      [{ fileName: 'image.svg', contentType: 'image/svg+xml', size: 100 }, 'body.contentType'],
      [{ fileName: 'setup.exe', contentType: PDF, size: 100 }, 'body.fileName'],
      [{ fileName: 'x.pdf', contentType: PDF, size: 100, key: 'cases/x/evil.pdf' }, 'body.key'],
    ];
    for (const [body, path] of cases) {
      const res = await api.requestAttachment(ISSUER_SH, id, body);
      expect([res.status, res.headers['content-type']], JSON.stringify(body)).toEqual([400, 'application/problem+json']);
      expect(res.body!.errors, JSON.stringify(body)).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    expect((await expectStatus<{ attachments: unknown[] }>(api.get(ISSUER_SH, id), 200)).attachments).toEqual([]);
  });

  it('refuses after upload a file other than the one declared, when the client lies to the signed URL', async () => {
    const id = await newCase();
    const request = () => expectStatus<Upload>(api.requestAttachment(ISSUER_SH, id, { fileName: '材料.pdf', contentType: PDF, size: 1000 }), 201);
    const lies: [string, Uint8Array<ArrayBuffer>, string, RegExp][] = [
      ['larger than declared', pdfBytes(5000), PDF, /5000 bytes, not the 1000 declared/],
      ['another type', pdfBytes(1000), 'text/html', /sent as text\/html/],
      ['not a PDF inside', EXE(1000), PDF, /content is not application\/pdf/],
    ];
    for (const [lie, bytes, contentType, reason] of lies) {
      const upload = await request();
      await put(upload.uploadUrl, bytes, contentType);
      await notifyUpload(keyOf(upload));
      const stored = await getAttachment(id, upload.attachmentId);
      // Stored in both languages: each reader sees it in theirs.
      expect(stored, lie).toMatchObject({ status: 'REJECTED', rejection: { zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(reason) } });
      // The refused file is gone.
      expect(await exists(keyOf(upload)), lie).toBe(false);
    }
    const honest = await request();
    await put(honest.uploadUrl, pdfBytes(1000), PDF);
    await notifyUpload(keyOf(honest));
    expect(await getAttachment(id, honest.attachmentId)).toMatchObject({ status: 'VERIFIED', etag: expect.any(String) });
    const view = await expectStatus<{ attachments: { id: string; status: string; downloadUrl?: string }[] }>(api.get(REVIEWER_SH, id), 200);
    expect(view.attachments.map((a) => a.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED', 'VERIFIED']);
    expect(view.attachments.filter((a) => a.downloadUrl).map((a) => a.id)).toEqual([honest.attachmentId]);
  });

  it('publishes the reviewed attachments as frozen copies, and refuses to publish one swapped after review', async () => {
    const id = await newCase();
    const upload = await expectStatus<Upload>(api.requestAttachment(ISSUER_SH, id, { fileName: '年度报告.pdf', contentType: PDF, size: 1000 }), 201);
    await put(upload.uploadUrl, pdfBytes(1000, 'a'), PDF);
    await notifyUpload(keyOf(upload));
    await expectStatus(api.submit(ISSUER_SH, id), 200);
    await expectStatus(api.approve(REVIEWER_SH, id), 200);

    // The upload URL still works for a while: the author swaps the reviewed file for another valid one.
    await put(upload.uploadUrl, pdfBytes(1000, 'b'), PDF);
    await notifyUpload(keyOf(upload));
    const refused = await api.publish(REVIEWER_SH, id);
    expect([refused.status, refused.body?.attachmentId]).toEqual([409, upload.attachmentId]);
    expect((await api.publicCase(id)).status).toBe(404);

    // Reviewed again as it now is, it publishes — the file frozen under published/.
    await expectStatus(api.update(ISSUER_SH, id, { summary: '附件已更新。' }), 200);
    await expectStatus(api.submit(ISSUER_SH, id), 200);
    await expectStatus(api.approve(REVIEWER_SH, id), 200);
    await expectStatus(api.publish(REVIEWER_SH, id), 200);
    const shown = await expectStatus<{ attachments: { fileName: string; url: string; size: number; expiresInSeconds: number }[] }>(api.publicCase(id), 200);
    expect(shown.attachments).toHaveLength(1);
    const [attachment] = shown.attachments;
    expect(attachment).toMatchObject({ fileName: '年度报告.pdf', size: 1000, expiresInSeconds: 300 });
    expect(decodeURIComponent(new URL(attachment!.url).pathname)).toBe(`/${bucket}/published/${id}/v1/${upload.attachmentId}.pdf`);
    const download = await fetch(attachment!.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('年度报告.pdf')}`);
    expect(new TextDecoder().decode(await download.arrayBuffer())).toBe(new TextDecoder().decode(pdfBytes(1000, 'b')));

    // A later upload to the old URL changes the upload, never the published copy.
    await put(upload.uploadUrl, pdfBytes(1000, 'c'), PDF);
    expect(new TextDecoder().decode(await (await fetch(attachment!.url)).arrayBuffer())).toBe(new TextDecoder().decode(pdfBytes(1000, 'b')));
  });

  it('limits a case to 20 attachments, also when they are requested at the same time', async () => {
    const id = await newCase();
    const request = (i: number) => api.requestAttachment(ISSUER_SH, id, { fileName: `附件${i}.png`, contentType: 'image/png', size: 10 });
    // A browser uploading several files at once: each request waits its turn on the case.
    expect((await Promise.all([0, 1, 2, 3, 4].map(request))).map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    for (let i = 5; i < 18; i++) await expectStatus(request(i), 201);
    // 2 places left, 6 asking at once: never more than 20.
    const racing = await Promise.all([18, 19, 20, 21, 22, 23].map(request));
    expect(racing.filter((r) => r.status === 201).length).toBeLessThanOrEqual(2);
    expect(racing.every((r) => [201, 409, 503].includes(r.status))).toBe(true);
    while ((await expectStatus<{ attachments: unknown[] }>(api.get(ISSUER_SH, id), 200)).attachments.length < 20) await expectStatus(request(99), 201);
    const more = await request(24);
    expect([more.status, more.body?.type, more.body?.caseStatus]).toEqual([409, '/problems/conflict', 'DRAFT']);
    expect(more.body?.detail).toContain('20');
    expect((await expectStatus<{ attachments: unknown[] }>(api.get(ISSUER_SH, id), 200)).attachments).toHaveLength(20);
  });
});
