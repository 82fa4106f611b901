import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Principal } from '../../../shared/auth/principal';
import { postingRefusal } from '../core/institutions';
import { columnOfPath, decodeRoster, MAX_ROSTER_BYTES, parseRoster, rowToRecordInput, type RosterRow, type RowMapping } from '../core/roster-file';
import { countRows, rosterResultCsv, type RowResult } from '../core/roster-result';
import { noCounts, rosterObjectKey, type RosterUpload } from '../core/roster-upload';
import { getInstitution } from '../store/institutions';
import { deleteRoster, putRosterResult, readRoster, rosterResultUrl, rosterUploadUrl, UPLOAD_LINK_SECONDS } from '../store/roster-files';
import { claimUpload, createUpload, finishUpload, recordProgress, releaseClaim } from '../store/roster-uploads';
import { renderText, text as bilingual, type Language, type LocalizedText } from '../../../shared/http/messages';
import { postRecords, type RecordResult } from './post-records';

/** Rows go through the posting rules in API-sized batches, with progress saved after each. */
const CHUNK_ROWS = 500;
/** Rows storage did not take are tried again this many times, backing off, before being reported failed. */
const RETRY_ROUNDS = 3;
/**
 * An ingest run that saved no progress for this long has died (a chunk of rows takes seconds; a
 * run that dies — crash, kill, timeout — hands nothing back), and its job may be taken again:
 * by Lambda's asynchronous retry of the notification (one and three minutes after the failure),
 * or by the file PUT again. Measured from the run's last sign of life, not from its start: a
 * lease counted from the start (it was 20 minutes) outlived both retries, and a killed run's
 * job stayed PROCESSING with the rest of its rows neither stored nor reported.
 */
export const STALE_RUN_MS = 90_000;
/** Row errors go into the result file, which is in Chinese (DESIGN §7). */
const FAILED_ROW = '存储未能保存此行，请重新上传该文件（已保存的行届时将显示为 duplicate）。';

export async function requestRosterUpload(institutionId: string, principal: Principal): Promise<{ upload: RosterUpload; uploadUrl: string; expiresAt: string }> {
  const now = new Date();
  const upload: RosterUpload = {
    institutionId,
    uploadId: randomUUID(),
    status: 'PENDING',
    requestedBy: { subject: principal.subject, label: principal.label },
    requestedAt: now.toISOString(),
    processedRows: 0,
    counts: noCounts(),
  };
  await createUpload(upload);
  const uploadUrl = await rosterUploadUrl(institutionId, upload.uploadId);
  return { upload, uploadUrl, expiresAt: new Date(now.getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString() };
}

/** What the API shows of a job, in the caller's language; the result file only once it exists. */
export async function rosterUploadView(upload: RosterUpload, language: Language) {
  const { requestedBy, heartbeatAt: _heartbeat, error, ...view } = upload;
  return {
    ...view,
    ...(error === undefined ? {} : { error: renderText(error, language) }),
    requestedBy: requestedBy.label,
    resultUrl: upload.status === 'DONE' ? await rosterResultUrl(upload.institutionId, upload.uploadId) : undefined,
  };
}

export type IngestOutcome = 'done' | 'failed' | 'skipped';

/**
 * Ingests one uploaded roster with exactly the per-record rules of the JSON API. Safe to run
 * twice: the job is claimed first, and a record it stored in an earlier run counts as its own.
 * When something other than a row goes wrong the claim is released and the error rethrown, so
 * the platform's retry of the notification runs the file again.
 */
export async function ingestRoster(institutionId: string, uploadId: string, piiKey: string, logger: Logger): Promise<IngestOutcome> {
  const now = new Date();
  const upload = await claimUpload(institutionId, uploadId, now.toISOString(), new Date(now.getTime() - STALE_RUN_MS).toISOString());
  if (!upload) return 'skipped';
  const key = rosterObjectKey(institutionId, uploadId);
  let outcome: IngestOutcome;
  let versionId: string | undefined;
  try {
    const file = await readRoster(key, MAX_ROSTER_BYTES);
    versionId = file.versionId;
    const refusal = await fileRefusal(upload, file.bytes);
    if ('zh' in refusal) {
      await finishUpload(institutionId, uploadId, { status: 'FAILED', counts: noCounts(), finishedAt: new Date().toISOString(), error: refusal });
      logger.warn('Roster refused', { institutionId, uploadId, reason: refusal.en });
      outcome = 'failed';
    } else {
      const results = await ingestRows(upload, refusal.rows, refusal.encoding, piiKey);
      await putRosterResult(institutionId, uploadId, rosterResultCsv(results));
      const counts = countRows(results);
      await finishUpload(institutionId, uploadId, { status: 'DONE', counts, finishedAt: new Date().toISOString() });
      logger.info('Roster ingested', { institutionId, uploadId, rows: results.length, ...counts });
      outcome = 'done';
    }
  } catch (error) {
    await releaseClaim(institutionId, uploadId, upload.startedAt!).catch(() => undefined);
    throw error;
  }
  // The roster holds plaintext ID numbers: once the job is settled it goes, version and all.
  // Should this fail, the bucket's expiry removes it within days.
  await deleteRoster(key, versionId).catch((error: Error) => logger.warn('Roster not deleted; bucket expiry will remove it', { institutionId, uploadId, error: error.name }));
  return outcome;
}

/** The rows of the file, or why the file as a whole cannot be taken. */
async function fileRefusal(upload: RosterUpload, bytes: Uint8Array | undefined): Promise<LocalizedText | { rows: RosterRow[]; encoding: string }> {
  const institution = await getInstitution(upload.institutionId);
  const refusal = institution ? postingRefusal(institution) : bilingual('该机构已不存在。', 'The institution no longer exists.');
  if (refusal) return refusal;
  const mib = MAX_ROSTER_BYTES / 1024 / 1024;
  if (!bytes) return bilingual(`名单文件不得超过 ${mib} MiB，请拆分后上传。`, `A roster file is limited to ${mib} MiB; split it.`);
  const { text, encoding } = decodeRoster(bytes);
  const parsed = parseRoster(text);
  return parsed.ok ? { rows: parsed.rows, encoding } : parsed.reason;
}

async function ingestRows(upload: RosterUpload, rows: RosterRow[], encoding: string, piiKey: string): Promise<RowResult[]> {
  const { institutionId, uploadId } = upload;
  const poster: Principal = { subject: upload.requestedBy.subject, groups: ['institution'], institutionId, label: upload.requestedBy.label };
  const results: RowResult[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const mapped = chunk.map((row) => ({ row, mapping: rowToRecordInput(row) }));
    const toPost = mapped.flatMap(({ row, mapping }) => (mapping.ok ? [{ row, input: mapping.input }] : []));
    const posted = await postWithRetries(institutionId, toPost.map((p) => p.input), poster, piiKey, uploadId);
    const byLine = new Map(toPost.map((p, i) => [p.row.line, posted[i]!]));
    for (const { row, mapping } of mapped) results.push(rowResult(row, mapping, byLine.get(row.line)));
    await recordProgress(institutionId, uploadId, { totalRows: rows.length, processedRows: results.length, counts: countRows(results), encoding });
  }
  return results;
}

function rowResult(row: RosterRow, mapping: RowMapping, posted: RecordResult | undefined): RowResult {
  const base = { line: row.line, recordId: row.cells.recordId || undefined };
  if (!mapping.ok) return { ...base, status: 'rejected', errors: mapping.errors };
  switch (posted!.status) {
    case 'failed':
      return { ...base, status: 'failed', errors: [{ path: 'row', message: FAILED_ROW }] };
    case 'rejected':
      // Field paths of the posted record, named by the columns of the file.
      return { ...base, status: 'rejected', errors: posted!.errors.map((e) => ({ path: columnOfPath(e.path), message: renderText(e.message, 'zh-CN') })) };
    default:
      return { ...base, status: posted!.status };
  }
}

/** Posts a batch, then re-posts only the records storage did not take, backing off between rounds. */
async function postWithRetries(institutionId: string, inputs: unknown[], poster: Principal, piiKey: string, upload: string): Promise<RecordResult[]> {
  const results = await postRecords(institutionId, inputs, poster, piiKey, { upload });
  for (let round = 1; round <= RETRY_ROUNDS; round++) {
    const failed = results.flatMap((r, i) => (r.status === 'failed' ? [i] : []));
    if (!failed.length) break;
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** round));
    const retried = await postRecords(institutionId, failed.map((i) => inputs[i]), poster, piiKey, { upload });
    failed.forEach((i, k) => (results[i] = retried[k]!));
  }
  return results;
}
