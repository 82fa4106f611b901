import { yearInChina } from '../../../shared/time/china-date';
import { yearCompliance } from '../core/compliance';
import { chooseHolderName } from '../core/holder-name';
import { POLICIES } from '../core/policies';
import { policyFor } from '../core/policy';
import { judgingRegion } from '../core/policy-choice';
import { creditable, type HourRecord } from '../core/records';
import { employmentOf } from '../store/employers';
import { recordsOfPersonYear } from '../store/records';
import { markRequirementMet, markedYearsOf, setRequirementState } from '../store/requirement-markers';

const recordKey = (r: Pick<HourRecord, 'institutionId' | 'recordId'>) => `${r.institutionId}#${r.recordId}`;

/**
 * Judges one person-year by the one rule (core/policy-choice.ts: the employer's region for a
 * person on a staff list, else national — the rule the person's own view and lookups use) and
 * keeps its MET marker in step: created the first time the year is met (its INSERT becomes
 * AnnualRequirementMet and the JX certificate), LAPSED when it falls short, MET again when it
 * recovers. `changes` are records from the stream, merged over what the index returns since the
 * index may lag the writes that triggered the judgement. The certificate's name comes from the
 * staff list or the records' majority (core/holder-name.ts), never from the latest record.
 */
export async function judgePersonYear(personId: string, year: number, changes: HourRecord[] = []): Promise<void> {
  const [employment, stored] = await Promise.all([employmentOf(personId), recordsOfPersonYear(personId, year)]);
  const changedIds = new Set(changes.map(recordKey));
  const records = [...stored.filter((r) => !changedIds.has(recordKey(r))), ...changes];
  const name = chooseHolderName(records, employment?.name);
  const anyRecord = records[0];
  if (!name || !anyRecord) return;
  const policy = policyFor(judgingRegion(employment).region, POLICIES);
  const result = yearCompliance(year, records.map(creditable), policy);
  const totals = { policy: policy.id, totalHours: result.totalHours, professionalHours: result.professionalHours, publicHours: result.publicHours };
  const holder = {
    holderName: name.name,
    idNumberMasked: anyRecord.idNumberMasked,
    holderNameSource: name.source,
    nameReview: name.review,
    holderNameVariants: name.variants,
  };
  if (result.compliant) {
    if (!(await markRequirementMet(personId, year, totals, holder))) await setRequirementState(personId, year, 'MET', totals, holder);
  } else {
    await setRequirementState(personId, year, 'LAPSED', totals, holder);
  }
}

/**
 * A person joined or left an employer's staff: the policy judging them may have changed, so
 * every year they hold a marker for is judged again (a lapse suspends the JX certificate, a
 * recovery restores it), and so are this year and last — the years a newly applicable policy
 * can newly be met in. Older unmarked years stay as they are: nobody holds a certificate for them.
 */
export async function rejudgePerson(personId: string, now = new Date()): Promise<void> {
  const current = yearInChina(now);
  const years = new Set([...(await markedYearsOf(personId)), current, current - 1]);
  for (const year of years) await judgePersonYear(personId, year);
}
