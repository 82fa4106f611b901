import type { Principal } from '../../../shared/auth/principal';
import type { FieldError } from '../../../shared/http/problem';
import { text, type Language, type LocalizedText } from '../../../shared/http/messages';
import { fieldErrors, safeParseFor } from '../../../shared/http/zod-errors';
import { maskName } from '../../../shared/pii/names';
import { maskIdNumber } from '../../../shared/ids/identity-document';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import { personNameHashFor } from '../../../shared/pii/keyed-hash';
import { contentHash, type HourRecord } from '../core/records';
import { hourRecordInput, type HourRecordInput } from '../schemas';
import { getRecord, putRecord } from '../store/records';

export type RecordResult =
  | { recordId: string; status: 'created' | 'duplicate' | 'conflict' }
  | { recordId?: string; status: 'rejected'; errors: FieldError[] }
  | { recordId: string; status: 'failed'; errors: FieldError[] };

/** Writes in parallel, but not so wide that one batch hogs the table's burst capacity. */
const CONCURRENCY = 8;

/** A valid posted record as stored: the person as keyed hash, masked ID number and name. */
export function toHourRecord(institutionId: string, input: HourRecordInput, piiKey: string, posted: { postedBy: string; postedAt: string; upload?: string }): HourRecord {
  const content = { personId: personIdForDocument(documentOf(input.person), piiKey), course: input.course, hours: input.hours, completedOn: input.completedOn, replaces: input.replaces };
  return {
    institutionId,
    recordId: input.recordId,
    ...content,
    personNameMasked: maskName(input.person.name),
    personName: input.person.name,
    personNameHash: personNameHashFor(input.person.name, piiKey),
    idNumberMasked: maskIdNumber(input.person),
    year: Number(input.completedOn.slice(0, 4)),
    status: 'ACTIVE',
    contentHash: contentHash(content),
    postedBy: posted.postedBy,
    postedAt: posted.postedAt,
    ...(posted.upload ? { upload: posted.upload } : {}),
  };
}

export interface PostOptions {
  /** The roster upload the records come from (see `repostOutcome`). */
  upload?: string;
  /** The language of zod's own messages (the caller's; a roster's result file is Chinese). */
  language?: Language;
}

/**
 * Posts a batch record by record (DESIGN §4): each is validated, stored with one conditional
 * put, or reported — created, duplicate, conflict, rejected with field paths, or failed when
 * storage did not answer (re-posting the batch then completes it without duplicates).
 */
export async function postRecords(institutionId: string, raw: unknown[], principal: Principal, piiKey: string, options: PostOptions = {}): Promise<RecordResult[]> {
  const now = new Date().toISOString();
  const results: RecordResult[] = new Array(raw.length);
  const pending: { index: number; record: HourRecord }[] = [];
  raw.forEach((item, index) => {
    const parsed = safeParseFor(hourRecordInput, item, options.language ?? 'zh-CN');
    if (!parsed.success) {
      const recordId = typeof (item as { recordId?: unknown })?.recordId === 'string' ? (item as { recordId: string }).recordId : undefined;
      results[index] = { recordId, status: 'rejected', errors: fieldErrors(`records[${index}]`, parsed.error) };
      return;
    }
    pending.push({ index, record: toHourRecord(institutionId, parsed.data, piiKey, { postedBy: principal.label, postedAt: now, upload: options.upload }) });
  });

  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const { index, record } = pending[next++]!;
      try {
        const refusal = record.replaces && (await replacementRefusal(institutionId, record));
        if (refusal) {
          results[index] = { recordId: record.recordId, status: 'rejected', errors: [{ path: `records[${index}].replaces`, message: refusal }] };
          continue;
        }
        results[index] = { recordId: record.recordId, status: await putRecord(record) };
      } catch {
        results[index] = { recordId: record.recordId, status: 'failed', errors: [{ path: `records[${index}]`, message: NOT_CONFIRMED }] };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pending.length) }, worker));
  return results;
}

/**
 * A correction names the record it replaces, which must be a voided record of the same
 * institution — so the history reads as one chain: the void says who, when and why.
 */
async function replacementRefusal(institutionId: string, record: HourRecord): Promise<LocalizedText | undefined> {
  if (record.replaces === record.recordId) return text('记录不能更正其自身。', 'A record cannot replace itself.');
  const replaced = await getRecord(institutionId, record.replaces!);
  if (!replaced) return text(`本机构没有记录 ${record.replaces}。`, `This institution has no record ${record.replaces}.`);
  if (replaced.status !== 'VOIDED') {
    return text(`记录 ${record.replaces} 尚未作废：请先作废该记录（注明原因），再报送其更正记录。`, `Record ${record.replaces} is not voided; void it first (with the reason), then post its correction.`);
  }
  return undefined;
}

const NOT_CONFIRMED = text(
  '存储未确认此记录。请重新报送：如其实已保存，将显示为 duplicate。',
  'Storage did not confirm this record. Post it again: if it was stored after all, it then comes back as duplicate.',
);
