import { createHash } from 'node:crypto';
import { maskName } from '../../../shared/pii/names';
import type { CompliancePolicy } from './policy';
import { contentHash, type HourRecord } from './records';

/*
 * DESIGN §8 flow 2: an expert's completed service to a grassroots unit counts as professional
 * continuing education (人社厅发〔2025〕2号, item 5), recorded by the platform itself as an
 * institution, under the yearly cap of the policy of the region served.
 */
export const SERVICE_CREDIT_INSTITUTION = {
  id: 'PLATFORM-EXPERT-SERVICE',
  name: '专家服务基层（平台记录）',
  level: 'ACCREDITED' as const,
  region: '000000',
};

export interface CompletedService {
  needId: string;
  expertId: string;
  hours: number;
  form: string;
  date: string;
  /** The region of the need served: its policy sets the cap. */
  region: string;
  personId: string;
  holderName: string;
  idNumberMasked: string;
}

/** One record per (need, expert): a recordId from both, short enough for the record id rules. */
export function serviceRecordId(needId: string, expertId: string): string {
  return `SVC-${createHash('sha256').update(`${needId}|${expertId}`).digest('base64url').slice(0, 24)}`;
}

/** Hours to credit: the service's, cut to what the year's cap leaves, in whole half hours. */
export function creditableHours(serviceHours: number, alreadyCredited: number, policy: Pick<CompliancePolicy, 'serviceCreditCapHours'>): number {
  const left = Math.max(0, policy.serviceCreditCapHours - alreadyCredited);
  return Math.floor(Math.min(serviceHours, left) * 2) / 2;
}

/** The record of a credited service; born VOIDED (with why) when its withdrawal arrived first. */
export function serviceCreditRecord(service: CompletedService, hours: number, at: string, voided?: HourRecord['voided']): HourRecord {
  const course = { code: 'EXPERT-SERVICE', title: `专家服务基层（${service.form}）`, category: 'PROFESSIONAL' as const };
  const content = { personId: service.personId, course, hours, completedOn: service.date };
  return {
    institutionId: SERVICE_CREDIT_INSTITUTION.id,
    recordId: serviceRecordId(service.needId, service.expertId),
    ...content,
    personNameMasked: maskName(service.holderName),
    personName: service.holderName,
    idNumberMasked: service.idNumberMasked,
    year: Number(service.date.slice(0, 4)),
    status: voided ? 'VOIDED' : 'ACTIVE',
    ...(voided ? { voided } : {}),
    contentHash: contentHash(content),
    postedBy: 'platform:expert-service',
    postedAt: at,
  };
}
