import { describe, expect, it } from 'vitest';
import {
  attachmentObjectKey,
  attachmentOfKey,
  contentDisposition,
  displayName,
  fileNameProblem,
  MAX_ATTACHMENT_BYTES,
  uploadProblem,
} from '../../../functions/case-publication/core/attachments';

const CASE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ATTACHMENT = '2bd1112d-c90d-4172-89b1-8d4287b0ca76';
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = new TextEncoder().encode('MZ\x90\x00\x03\x00\x00\x00');

describe('attachment names and keys', () => {
  it('keeps only the last path segment of a name, never a path', () => {
    expect(displayName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(displayName('C:\\Users\\张三\\案例材料.pdf')).toBe('案例材料.pdf');
    expect(displayName('/absolute/path/report.pdf')).toBe('report.pdf');
    expect(displayName('..')).toBeUndefined();
    expect(displayName('dir/')).toBeUndefined();
  });

  it('drops control and bidirectional-override characters, collapses whitespace, bounds the length', () => {
    expect(displayName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(displayName('a\u0000b\r\nc.pdf')).toBe('abc.pdf');
    expect(displayName('  年度   报告 .pdf ')).toBe('年度 报告 .pdf');
    expect([...displayName(`${'长'.repeat(300)}.pdf`)!]).toHaveLength(120);
  });

  it('wants a file name that matches the declared type', () => {
    expect(fileNameProblem('报告.PDF', 'application/pdf')).toBeUndefined();
    expect(fileNameProblem('photo.jpeg', 'image/jpeg')).toBeUndefined();
    expect(fileNameProblem('photo.jpg', 'image/jpeg')).toBeUndefined();
    expect(fileNameProblem('malware.exe', 'application/pdf')?.en).toMatch(/\.pdf/);
    expect(fileNameProblem('no-extension', 'image/png')?.zh).toMatch(/须以 \.png 结尾/);
    expect(fileNameProblem('table.xlsx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')?.en).toMatch(/\.docx/);
  });

  it('builds keys under the case’s prefix only, and reads back only keys it builds', () => {
    const key = attachmentObjectKey(CASE, ATTACHMENT, 'image/jpeg');
    expect(key).toBe(`cases/${CASE}/attachments/${ATTACHMENT}.jpg`);
    expect(attachmentOfKey(key)).toEqual({ caseId: CASE, attachmentId: ATTACHMENT });
    for (const other of [`cases/${CASE}/attachments/../${ATTACHMENT}.pdf`, `cases/${CASE}/attachments/${ATTACHMENT}.pdf/x`, `drafts/${CASE}/${ATTACHMENT}.pdf`, `cases/${CASE}/attachments/evil.pdf`, `/cases/${CASE}/attachments/${ATTACHMENT}.pdf`]) {
      expect(attachmentOfKey(other), other).toBeUndefined();
    }
  });

  it('names the download in RFC 6266 form, non-ASCII safely encoded', () => {
    expect(contentDisposition('案例 "材料".pdf')).toBe(`attachment; filename="__ ____.pdf"; filename*=UTF-8''%E6%A1%88%E4%BE%8B%20%22%E6%9D%90%E6%96%99%22.pdf`);
    expect(contentDisposition("it's (1).pdf")).toBe(`attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});

describe('checking an upload against what was declared', () => {
  const declared = { contentType: 'application/pdf' as const, size: 2048 };

  it('accepts the declared file', () => {
    expect(uploadProblem(declared, { size: 2048, contentType: 'application/pdf', head: PDF })).toBeUndefined();
    expect(uploadProblem({ contentType: 'image/png', size: 10 }, { size: 10, contentType: 'image/png', head: PNG })).toBeUndefined();
  });

  it('refuses another length, a larger file than allowed, another type, or content that is not the type', () => {
    expect(uploadProblem(declared, { size: 4096, contentType: 'application/pdf', head: PDF })).toEqual({ zh: '文件大小为 4096 字节，与申报的 2048 字节不符。', en: 'The file is 4096 bytes, not the 2048 declared.' });
    expect(uploadProblem({ ...declared, size: MAX_ATTACHMENT_BYTES + 1 }, { size: MAX_ATTACHMENT_BYTES + 1, contentType: 'application/pdf', head: PDF })?.en).toMatch(/limited/);
    expect(uploadProblem(declared, { size: 2048, contentType: 'text/html', head: PDF })?.en).toMatch(/sent as text\/html/);
    expect(uploadProblem(declared, { size: 2048, contentType: undefined, head: PDF })?.en).toMatch(/no type/);
    expect(uploadProblem(declared, { size: 2048, contentType: 'application/pdf', head: EXE })?.en).toMatch(/content is not application\/pdf/);
    expect(uploadProblem({ contentType: 'image/png', size: 2048 }, { size: 2048, contentType: 'image/png', head: PDF })?.zh).toMatch(/文件内容不是 image\/png/);
  });
});
