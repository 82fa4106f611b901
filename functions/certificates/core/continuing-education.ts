import { provinceOfMaskedId } from '../../../shared/ids/identity-document';
import type { PreparedIssue } from './issuing';
import { todayInChina } from './status';

/** What the annual-requirement events (events/annual-requirement-*.ts) say, as this service reads it. */
export interface RequirementState {
  personId: string;
  holderName: string;
  idNumberMasked: string;
  year: number;
  totalHours: number;
  professionalHours: number;
  publicHours: number;
  version: number;
  /** MET for AnnualRequirementMet and …Restored, LAPSED for …Lapsed. */
  state: 'MET' | 'LAPSED';
}

export const CONTINUING_EDUCATION_ISSUER = 'platform:continuing-education';

/**
 * The JX certificate of a person-year (DESIGN §8, flow 1), issued in the holder's province — as
 * the masked ID number shows it; national for a permit or passport holder — with the year's
 * hours by category on it.
 */
export function continuingEducationIssue(s: RequirementState, today = todayInChina()): PreparedIssue {
  return {
    request: {
      type: 'JX',
      region: provinceOfMaskedId(s.idNumberMasked),
      holder: { name: s.holderName },
      title: `${s.year}年度专业技术人员继续教育证书`,
      issuerName: '专业技术人员继续教育公共服务平台',
      issueDate: today,
    },
    personId: s.personId,
    idNumberMasked: s.idNumberMasked,
    hours: { total: s.totalHours, professional: s.professionalHours, public: s.publicHours },
  };
}

export const LAPSE_REASON = '该年度继续教育学时经作废后不再达标';
export const RESTORE_REASON = '该年度继续教育学时重新达标';
