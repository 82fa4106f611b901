import type { Text } from '../../../shared/http/messages';

/** A CSV roster upload as a job: requested, then ingested by the S3-triggered function. */
export type RosterStatus = 'PENDING' | 'PROCESSING' | 'DONE' | 'FAILED';

export interface RosterCounts {
  created: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  /** Rows storage did not take even after retries; uploading the file again completes them. */
  failed: number;
}

export const noCounts = (): RosterCounts => ({ created: 0, duplicate: 0, conflict: 0, rejected: 0, failed: 0 });

export interface RosterUpload {
  institutionId: string;
  uploadId: string;
  status: RosterStatus;
  requestedBy: { subject: string; label: string };
  requestedAt: string;
  startedAt?: string;
  /** When the running ingest last claimed the job or saved progress (internal: not in the API view). */
  heartbeatAt?: string;
  finishedAt?: string;
  encoding?: string;
  totalRows?: number;
  processedRows: number;
  counts: RosterCounts;
  /** Why a FAILED upload could not be read at all (the file, not its rows). */
  /** Why the file as a whole was refused: both languages (jobs from before carry one English string). */
  error?: Text;
}

/** Where the file and its result live in the roster bucket. */
export const rosterObjectKey = (institutionId: string, uploadId: string) => `uploads/${institutionId}/${uploadId}.csv`;
export const resultObjectKey = (institutionId: string, uploadId: string) => `results/${institutionId}/${uploadId}.csv`;

/** The job an uploaded object belongs to, from its key; undefined for any other key. */
export function uploadOfKey(key: string): { institutionId: string; uploadId: string } | undefined {
  const match = /^uploads\/([A-Z0-9-]{3,32})\/([0-9a-f-]{36})\.csv$/.exec(key);
  return match ? { institutionId: match[1]!, uploadId: match[2]! } : undefined;
}
