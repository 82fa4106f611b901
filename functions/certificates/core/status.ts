export type CertificateStatus = 'VALID' | 'REVOKED' | 'SUSPENDED' | 'EXPIRED';

export interface StatusFacts {
  validUntil?: string;
  revocation?: { date: string; reason: string };
  suspension?: { date: string; reason: string };
}

/** Today's date where the certificates are issued (China Standard Time), as YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Revocation outranks suspension, which outranks expiry: a revoked certificate reads REVOKED
 * even after it would have expired. A certificate is valid through its `validUntil` day.
 */
export function certificateStatus(facts: StatusFacts, today = todayInChina()): CertificateStatus {
  if (facts.revocation) return 'REVOKED';
  if (facts.suspension) return 'SUSPENDED';
  if (facts.validUntil && facts.validUntil < today) return 'EXPIRED';
  return 'VALID';
}
