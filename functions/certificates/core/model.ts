import type { CertificateType } from './number';

/** Who did what, when and why: kept on the certificate for every change of state. */
export interface AuditEntry {
  action: 'ISSUED' | 'REVOKED' | 'REINSTATED' | 'SUSPENDED' | 'RESTORED';
  at: string;
  by: string;
  reason?: string;
}

export interface StateChange {
  date: string;
  reason: string;
  by: string;
}

/** A certificate as stored. The holder's ID number exists only as a keyed hash and a masked form. */
export interface Certificate {
  number: string;
  type: CertificateType;
  region: string;
  year: number;
  serial: number;
  holderName: string;
  personId: string;
  idNumberMasked: string;
  title: string;
  level?: string;
  specialty?: string;
  issuerName: string;
  issueDate: string;
  validUntil?: string;
  /** For JX continuing-education certificates: the year's hours by category. */
  hours?: { total: number; professional: number; public: number };
  revocation?: StateChange;
  suspension?: StateChange;
  history: AuditEntry[];
  issuedBy: string;
  createdAt: string;
}
