import { text, type LocalizedText } from '../../../shared/http/messages';

/** Yearly trainee quotas of DESIGN §4: national bases 2,000, provincial bases 500, accredited none. */
export const QUOTAS = { NATIONAL_BASE: 2000, PROVINCIAL_BASE: 500, ACCREDITED: null } as const;
export type InstitutionLevel = keyof typeof QUOTAS;
export type InstitutionStatus = 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';

export interface Institution {
  id: string;
  name: string;
  level: InstitutionLevel;
  region: string;
  status: InstitutionStatus;
  history: { action: string; at: string; by: string; reason?: string }[];
  createdAt: string;
}

export const quotaOf = (level: InstitutionLevel): number | null => QUOTAS[level];

/** Only an active institution may post; the answer says why not (DESIGN §4). */
export function postingRefusal(institution: Institution): LocalizedText | undefined {
  if (institution.status === 'SUSPENDED') return text('该机构已被暂停，不能报送学时记录。', 'This institution is suspended and cannot post hour records.');
  if (institution.status === 'WITHDRAWN') return text('该机构已被撤销，不能报送学时记录。', 'This institution has been withdrawn and cannot post hour records.');
  return undefined;
}
