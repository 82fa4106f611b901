import { POLICIES } from '../core/policies';
import { policyFor } from '../core/policy';
import { creditableHours, SERVICE_CREDIT_INSTITUTION, serviceCreditRecord, serviceRecordId, type CompletedService } from '../core/service-credit';
import { createInstitution } from '../store/institutions';
import { getRecord, recordsOfPersonYear } from '../store/records';
import { creditedServiceHours, putVoidedCredit, recordWithdrawal, startServiceCreditTotal, voidServiceCredit, writeServiceCredit } from '../store/service-credits';

export type CreditOutcome = 'credited' | 'capped' | 'already-recorded' | 'voided' | 'recorded-voided';

/** The platform's own institution exists once; creating it again is a no-op. */
async function ensurePlatformInstitution(): Promise<void> {
  await createInstitution({ ...SERVICE_CREDIT_INSTITUTION, status: 'ACTIVE', history: [], createdAt: new Date().toISOString() });
}

/** The hours of a person-year's active service credits, its total started if this is its first credit. */
async function creditedSoFar(personId: string, year: number): Promise<number> {
  const total = await creditedServiceHours(personId, year);
  if (total !== undefined) return total;
  const before = (await recordsOfPersonYear(personId, year)).filter((r) => r.institutionId === SERVICE_CREDIT_INSTITUTION.id && r.status === 'ACTIVE').reduce((sum, r) => sum + r.hours, 0);
  await startServiceCreditTotal(personId, year, before);
  return (await creditedServiceHours(personId, year))!;
}

/** Each attempt that finds the total moved under it reads it again; this many is a retry of the event. */
const CAP_ATTEMPTS = 10;

/**
 * ServiceCompleted (flow 2): the expert's service hours become professional hours of their own
 * record, as far as the year's cap allows. The record, the year's total and the absence of a
 * withdrawal are decided in one transaction (store/service-credits.ts), so concurrent
 * completions never credit past the cap, a repeated event changes nothing, and a completion
 * after (or racing) its withdrawal records the credit voided, never active.
 */
export async function creditService(service: CompletedService): Promise<CreditOutcome> {
  await ensurePlatformInstitution();
  if (await getRecord(SERVICE_CREDIT_INSTITUTION.id, serviceRecordId(service.needId, service.expertId))) return 'already-recorded';
  const year = Number(service.date.slice(0, 4));
  const policy = policyFor(service.region, POLICIES);
  for (let attempt = 1; attempt <= CAP_ATTEMPTS; attempt++) {
    const hours = creditableHours(service.hours, await creditedSoFar(service.personId, year), policy);
    if (hours <= 0) return 'capped';
    const write = await writeServiceCredit(serviceCreditRecord(service, hours, new Date().toISOString()), policy.serviceCreditCapHours);
    switch (write.outcome) {
      case 'credited':
        return 'credited';
      case 'exists':
        return 'already-recorded';
      case 'withdrawn':
        await putVoidedCredit(serviceCreditRecord(service, hours, write.voided.at, write.voided));
        return 'recorded-voided';
      case 'over-cap':
        continue; // another credit took part of what was left
    }
  }
  throw new Error(`Service credit ${serviceRecordId(service.needId, service.expertId)}: the year's total kept moving; the event is retried`);
}

/**
 * ServiceWithdrawn: recorded first (a tombstone no later completion credits past), then the
 * credit is voided, with the reason, its hours freed under the cap; it stays for audit. Arriving
 * before its ServiceCompleted, it records the credit already voided, so either order — or both
 * at once — ends the same, with no active credit.
 */
export async function withdrawServiceCredit(service: CompletedService, reason: string): Promise<CreditOutcome> {
  await ensurePlatformInstitution();
  const recordId = serviceRecordId(service.needId, service.expertId);
  const voided = { at: new Date().toISOString(), by: 'platform:expert-service', reason };
  await recordWithdrawal(recordId, service.personId, voided);
  const year = Number(service.date.slice(0, 4));
  const total = await creditedSoFar(service.personId, year);
  if ((await voidServiceCredit(recordId, voided)) !== 'not-found') return 'voided';
  const hours = creditableHours(service.hours, total, policyFor(service.region, POLICIES));
  if (hours <= 0) return 'capped';
  await putVoidedCredit(serviceCreditRecord(service, hours, voided.at, voided));
  return 'recorded-voided';
}
