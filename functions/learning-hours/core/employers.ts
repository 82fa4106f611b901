import { createHash } from 'node:crypto';

/** An employer's HR department (用人单位, DESIGN §10): it keeps its staff's continuing-education record. */
export interface Employer {
  id: string;
  name: string;
  /** GB/T 2260 division code: its policy judges the employer's staff. */
  region: string;
  /** The unified social credit code (GB 32100), checked on registration. */
  creditCode?: string;
  createdAt: string;
  createdBy: string;
}

/** A person on an employer's staff: keyed hash, masked ID number and name only. */
export interface StaffMember {
  staffId: string;
  personId: string;
  idType: string;
  idNumberMasked: string;
  name: string;
  employeeNo?: string;
  addedAt: string;
  addedBy: string;
}

/**
 * A staff member's id in URLs (`DELETE /employers/{id}/staff/{staffId}`): derived from the keyed
 * hash, so it is stable (re-adding a person gives the same id) and, like the hash, cannot be
 * computed from an ID number without the platform's key.
 */
export function staffIdFor(employerId: string, personId: string): string {
  return createHash('sha256').update(`${employerId}|${personId}`).digest('base64url').slice(0, 22);
}
