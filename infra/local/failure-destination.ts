import { appendFileSync } from 'node:fs';
import { localPath } from './paths';

export interface FailureRecord {
  at: string;
  source: string;
  consumer: string;
  attempts: number;
  error: string;
  /** The failed event (for streams: the stream record itself, as SQS would hold its pointer). */
  payload: unknown;
}

/**
 * Stands in for an event source mapping's on-failure destination (an SQS queue in AWS):
 * failed records are kept in memory, appended to .local/failures.jsonl, and served at
 * GET /_local/failures so a developer can inspect them.
 */
export class FailureDestination {
  readonly records: FailureRecord[] = [];

  constructor(private readonly file: string | undefined = localPath('failures.jsonl')) {}

  put(record: FailureRecord): void {
    this.records.push(record);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(record)}\n`);
    console.warn(`[failure-destination] ${record.consumer}: ${record.error} (after ${record.attempts} attempts)`);
  }
}
