/*
 * Case attachments (DESIGN §6: "type and size limited"): PDF, PNG/JPEG/WebP images and Office
 * Open XML documents, up to 20 MiB each, 20 per case. The client names the file only for display:
 * the object key is chosen here, `cases/<caseId>/attachments/<attachmentId>.<ext>`, so nothing a
 * client sends can place an object anywhere else. The presigned PUT signs the declared type and
 * length (S3 refuses anything else); after upload the object is checked again — length, type and
 * the file's own signature bytes — because a signature check is only as good as the S3 in front.
 */
import { text, type LocalizedText } from '../../../shared/http/messages';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 20;
/** Bytes read from the start of an upload to check its file signature. */
export const SIGNATURE_BYTES = 16;

interface AttachmentType {
  /** The extension of the object key. */
  ext: string;
  /** Extensions a file name of this type may have. */
  names: readonly string[];
  /** Whether the first bytes are this type's file signature. */
  signature: (head: Uint8Array) => boolean;
}

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
/** docx, xlsx and pptx are ZIP packages; the declared type and the extension say which. */
const zip = (head: Uint8Array) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);

export const ATTACHMENT_TYPES = {
  'application/pdf': { ext: 'pdf', names: ['pdf'], signature: (h) => startsWith(h, ascii('%PDF-')) },
  'image/png': { ext: 'png', names: ['png'], signature: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'image/jpeg': { ext: 'jpg', names: ['jpg', 'jpeg'], signature: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  'image/webp': { ext: 'webp', names: ['webp'], signature: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', names: ['docx'], signature: zip },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', names: ['xlsx'], signature: zip },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { ext: 'pptx', names: ['pptx'], signature: zip },
} as const satisfies Record<string, AttachmentType>;

export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_CONTENT_TYPES = Object.keys(ATTACHMENT_TYPES) as [AttachmentContentType, ...AttachmentContentType[]];

/**
 * The name shown for a file: its last path segment (some browsers send `C:\…\name.pdf`), without
 * control or format characters (a right-to-left override can make "exe.pdf" read as "fdp.exe"),
 * whitespace collapsed, at most 120 characters. Undefined when nothing is left.
 */
export function displayName(fileName: string): string | undefined {
  const base = fileName.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!clean || /^\.+$/.test(clean)) return undefined;
  return [...clean].slice(0, 120).join('');
}

/** Why a file name does not fit the declared type, if it does not. */
export function fileNameProblem(name: string, contentType: AttachmentContentType): LocalizedText | undefined {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  const allowed: readonly string[] = ATTACHMENT_TYPES[contentType].names;
  if (ext && allowed.includes(ext)) return undefined;
  return text(`${contentType} 文件的文件名须以 .${allowed.join(' 或 .')} 结尾`, `A ${contentType} file name must end in .${allowed.join(' or .')}`);
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY = new RegExp(`^cases/(${UUID})/attachments/(${UUID})\\.([a-z]+)$`);

export function attachmentObjectKey(caseId: string, attachmentId: string, contentType: AttachmentContentType): string {
  return `cases/${caseId}/attachments/${attachmentId}.${ATTACHMENT_TYPES[contentType].ext}`;
}

/** The case and attachment an object key names, or undefined for any key this service never hands out. */
export function attachmentOfKey(key: string): { caseId: string; attachmentId: string } | undefined {
  const match = KEY.exec(key);
  return match ? { caseId: match[1]!, attachmentId: match[2]! } : undefined;
}

export interface Declared {
  contentType: AttachmentContentType;
  size: number;
}

export interface Uploaded {
  size: number;
  contentType: string | undefined;
  head: Uint8Array;
}

/**
 * Why an uploaded object is not the file that was declared (and signed for), if it is not: in
 * both languages, stored with the attachment and shown in each reader's.
 */
export function uploadProblem(declared: Declared, uploaded: Uploaded): LocalizedText | undefined {
  const { size } = uploaded;
  if (size > MAX_ATTACHMENT_BYTES) return text(`文件大小为 ${size} 字节，附件不得超过 ${MAX_ATTACHMENT_BYTES} 字节。`, `The file is ${size} bytes; attachments are limited to ${MAX_ATTACHMENT_BYTES} bytes.`);
  if (size !== declared.size) return text(`文件大小为 ${size} 字节，与申报的 ${declared.size} 字节不符。`, `The file is ${size} bytes, not the ${declared.size} declared.`);
  const sentAs = uploaded.contentType?.split(';')[0]?.trim().toLowerCase();
  if (sentAs !== declared.contentType) {
    return text(`文件上传类型为 ${uploaded.contentType ?? '（未标明）'}，不是 ${declared.contentType}。`, `The file was sent as ${uploaded.contentType ?? 'no type'}, not ${declared.contentType}.`);
  }
  if (!ATTACHMENT_TYPES[declared.contentType].signature(uploaded.head)) return text(`文件内容不是 ${declared.contentType}。`, `The file's content is not ${declared.contentType}.`);
  return undefined;
}

/** `attachment` so that browsers download rather than render; the name in RFC 6266/5987 form. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
