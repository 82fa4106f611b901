/*
 * Every successful verification is logged (DESIGN §3) without adding a second DynamoDB call to
 * the lookup: the verify functions write one structured audit line to their log, and a
 * CloudWatch Logs subscription (locally: the runtime's log tap) hands those lines to a
 * function that stores them. No personal data is in the line: number, method, verifier.
 */
export const VERIFICATION_AUDIT = 'certificate.verified';

export type VerificationMethod = 'number' | 'qr' | 'batch';

export interface VerificationRecord {
  id: string;
  number: string;
  at: string;
  method: VerificationMethod;
  /** "anonymous" or a non-personal label of the signed-in organisation, e.g. "unit:U-001". */
  verifier: string;
}

export interface AuditLine {
  audit: typeof VERIFICATION_AUDIT;
  verification: VerificationRecord;
}

/** Picks verification records out of log lines (JSON objects), ignoring everything else. */
export function verificationsFromLogLines(lines: string[]): VerificationRecord[] {
  const records: VerificationRecord[] = [];
  for (const line of lines) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    try {
      const parsed = JSON.parse(line.slice(start)) as Partial<AuditLine>;
      const v = parsed.verification;
      if (parsed.audit === VERIFICATION_AUDIT && v && typeof v.number === 'string' && typeof v.id === 'string') records.push(v);
    } catch {
      // not a JSON line: not ours
    }
  }
  return records;
}
