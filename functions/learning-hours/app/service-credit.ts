import { POLICIES } from '../core/policies';
import { policyFor } from '../core/policy';
import { creditableHours, SERVICE_CREDIT_INSTITUTION, serviceCreditRecord, serviceRecordId, type CompletedService } from '../core/service-credit';
import { createInstitution } from '../store/institutions';
import { getRecord, putRecord, recordsOfPersonYear, voidRecord } from '../store/records';

export type CreditOutcome = 'credited' | 'capped' | 'already-recorded' | 'voided' | 'recorded-voided';

/** The platform's own institution exists once; creating it again is a no-op. */
async function ensurePlatformInstitution(): Promise<void> {
  await createInstitution({ ...SERVICE_CREDIT_INSTITUTION, status: 'ACTIVE', history: [], createdAt: new Date().toISOString() });
}

/** Hours the person-year already has from services, this one aside: what the cap has left. */
async function hoursLeftUnderCap(service: CompletedService): Promise<number> {
  const year = Number(service.date.slice(0, 4));
  const id = serviceRecordId(service.needId, service.expertId);
  const credited = (await recordsOfPersonYear(service.personId, year))
    .filter((r) => r.institutionId === SERVICE_CREDIT_INSTITUTION.id && r.status === 'ACTIVE' && r.recordId !== id)
    .reduce((sum, r) => sum + r.hours, 0);
  return creditableHours(service.hours, credited, policyFor(service.region, POLICIES));
}

/**
 * ServiceCompleted (flow 2): the expert's service hours become professional hours of their own
 * record, as far as the year's cap allows. One record per (need, expert), written on condition
 * it does not exist — so a repeated event, or one arriving after the withdrawal, changes nothing.
 */
export async function creditService(service: CompletedService): Promise<CreditOutcome> {
  await ensurePlatformInstitution();
  if (await getRecord(SERVICE_CREDIT_INSTITUTION.id, serviceRecordId(service.needId, service.expertId))) return 'already-recorded';
  const hours = await hoursLeftUnderCap(service);
  if (hours <= 0) return 'capped';
  const outcome = await putRecord(serviceCreditRecord(service, hours, new Date().toISOString()));
  return outcome === 'created' ? 'credited' : 'already-recorded';
}

/**
 * ServiceWithdrawn: the credit is voided, with the reason, and stays for audit. Arriving before
 * its ServiceCompleted, it records the credit already voided, so either order ends the same.
 */
export async function withdrawServiceCredit(service: CompletedService, reason: string): Promise<CreditOutcome> {
  await ensurePlatformInstitution();
  const voided = { at: new Date().toISOString(), by: 'platform:expert-service', reason };
  const result = await voidRecord(SERVICE_CREDIT_INSTITUTION.id, serviceRecordId(service.needId, service.expertId), voided);
  if (result.outcome !== 'not-found') return 'voided';
  const hours = await hoursLeftUnderCap(service);
  if (hours <= 0) return 'capped';
  await putRecord(serviceCreditRecord(service, hours, voided.at, voided));
  return 'recorded-voided';
}
