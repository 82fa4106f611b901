import type { Principal } from '../../../shared/auth/principal';
import type { FieldError } from '../../../shared/http/problem';
import { text, type Language, type LocalizedText } from '../../../shared/http/messages';
import { fieldErrors, safeParseFor } from '../../../shared/http/zod-errors';
import { maskName } from '../../../shared/pii/names';
import { maskIdNumber } from '../../../shared/ids/identity-document';
import { documentOf } from '../../../shared/ids/person-document';
import { personIdForDocument } from '../../../shared/pii/document-hash';
import { personNameHashFor } from '../../../shared/pii/keyed-hash';
import { contentHash, MAX_RECORDS_PER_PERSON_YEAR, repostOutcome, type HourRecord, type PostOutcome } from '../core/records';
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
 * write (store/records.ts `putRecord`), or reported — created, duplicate, conflict, rejected
 * with field paths (also past a person-year's MAX_RECORDS_PER_PERSON_YEAR), or failed when
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

  // One lane per person-year, run in order: its records share a counter (the yearly cap), so
  // they would only collide with each other in parallel; once the year is full, what is left
  // of the lane is only told apart as a re-post (a read) or rejected, without another write.
  const lanes = new Map<string, { index: number; record: HourRecord }[]>();
  for (const item of pending) {
    const lane = `${item.record.personId}#${item.record.year}`;
    if (lanes.has(lane)) lanes.get(lane)!.push(item);
    else lanes.set(lane, [item]);
  }
  const queue = [...lanes.values()];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      let full = false;
      for (const { index, record } of queue[next++]!) {
        try {
          const refusal = record.replaces && (await replacementRefusal(institutionId, record));
          if (refusal) {
            results[index] = { recordId: record.recordId, status: 'rejected', errors: [{ path: `records[${index}].replaces`, message: refusal }] };
            continue;
          }
          const outcome = full ? await repostOrFull(record) : await putRecord(record);
          if (outcome === 'person-year-full') {
            full = true;
            results[index] = { recordId: record.recordId, status: 'rejected', errors: [{ path: `records[${index}]`, message: personYearFull(record.year) }] };
          } else {
            results[index] = { recordId: record.recordId, status: outcome };
          }
        } catch {
          results[index] = { recordId: record.recordId, status: 'failed', errors: [{ path: `records[${index}]`, message: NOT_CONFIRMED }] };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pending.length) }, worker));
  return results;
}

const personYearFull = (year: number) =>
  text(
    `该人员 ${year} 年的学时记录已达上限（${MAX_RECORDS_PER_PERSON_YEAR} 条），本条未保存；如有错误记录，请核对后联系平台处理。`,
    `This person already has ${MAX_RECORDS_PER_PERSON_YEAR} records in ${year}, the most one person may have in a year; this record was not stored.`,
  );

/**
 * A person-year at its cap stays there (voided records count too), so a record posted to it can
 * only be a re-post of a stored one — a read tells which — or rejected.
 */
async function repostOrFull(record: HourRecord): Promise<PostOutcome | 'person-year-full'> {
  const stored = await getRecord(record.institutionId, record.recordId);
  return stored ? repostOutcome(stored, record) : 'person-year-full';
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
