import { CONTINUING_EDUCATION_ISSUER, continuingEducationIssue, LAPSE_REASON, RESTORE_REASON, type RequirementState } from '../core/continuing-education';
import { todayInChina } from '../core/status';
import { applyTransition } from '../store/certificates';
import { advanceClaim, claimItem, getClaim, setCertificateHours } from '../store/continuing-education';
import { issueCertificates } from './issue';

export type ReconcileOutcome = 'issued' | 'updated' | 'stale';

/**
 * Brings a person-year's JX certificate in line with the newest requirement state (flow 1):
 * issued the first time any state arrives — never twice, the claim is written in the same
 * transaction as the certificate — then SUSPENDED while the year is LAPSED and restored when it
 * is MET again. A state older than the one applied changes nothing, so events may arrive twice
 * or out of order and still end the same.
 */
export async function reconcileContinuingEducation(s: RequirementState): Promise<ReconcileOutcome> {
  let outcome: ReconcileOutcome = 'updated';
  const claim = await getClaim(s.personId, s.year);
  if (!claim) {
    const [issued] = await issueCertificates([{ index: 0, issue: continuingEducationIssue(s) }], CONTINUING_EDUCATION_ISSUER, claimItem(s.personId, s.year, s.version, s.state));
    if (issued?.status === 'created') outcome = 'issued';
    // Otherwise another delivery issued it first (the claim's condition failed) — or storage failed.
    else if (!(await getClaim(s.personId, s.year))) throw issued?.status === 'failed' ? issued.error : new Error('JX certificate neither issued nor claimed');
    else return reconcileContinuingEducation(s);
  } else {
    if (claim.appliedVersion >= s.version || !(await advanceClaim(s.personId, s.year, s.version, s.state))) return 'stale';
    await setCertificateHours(claim.number, { total: s.totalHours, professional: s.professionalHours, public: s.publicHours });
  }
  await showClaimedState(s.personId, s.year);
  return outcome;
}

/**
 * Makes the certificate show the claim's state. The claim is read again after each change, so
 * when a newer state was claimed in between, it is the one that stays. Suspending a suspended
 * certificate (or restoring a valid one) is a conditional no-op.
 */
async function showClaimedState(personId: string, year: number): Promise<void> {
  let claim = (await getClaim(personId, year))!;
  for (let round = 0; round < 5; round++) {
    const change = { date: todayInChina(), by: CONTINUING_EDUCATION_ISSUER };
    if (claim.state === 'LAPSED') await applyTransition(claim.number, 'suspend', { ...change, reason: LAPSE_REASON });
    else await applyTransition(claim.number, 'restore', { ...change, reason: RESTORE_REASON });
    const now = (await getClaim(personId, year))!;
    if (now.appliedVersion === claim.appliedVersion) return;
    claim = now;
  }
}
