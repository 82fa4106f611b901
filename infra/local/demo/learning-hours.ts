import { POLICIES } from '../../../functions/learning-hours/core/policies';
import { policyFor } from '../../../functions/learning-hours/core/policy';
import { ADMIN, addDays, inPool, intIn, pick, rngFor, type DemoContext } from './context';
import { provinceName, provinceShort, type Person } from './people';

/*
 * Learning hours: institutions in every province (a provincial base and an accredited school
 * each, two national bases), and the demo year's hour records of the people, posted by their
 * institutions in batches. Each person follows a profile, so some are compliant and some short:
 *
 *   COMPLIANT            30–40 public + 60–80 professional hours (meets every region's policy)
 *   SHORT_TOTAL          34–80 hours in all
 *   SHORT_PROFESSIONAL   ≥ 90 hours but under 60 professional
 *   VOIDED_SHORT         92–96 hours, then an 8-hour professional record is voided → short
 *
 * Record ids are stable, so a re-run reports them `duplicate` and changes nothing.
 */

export type Profile = 'COMPLIANT' | 'SHORT_TOTAL' | 'SHORT_PROFESSIONAL' | 'VOIDED_SHORT';

export interface Institution {
  id: string;
  name: string;
  level: 'NATIONAL_BASE' | 'PROVINCIAL_BASE' | 'ACCREDITED';
  region: string;
  province: string;
}

export interface HourRecord {
  recordId: string;
  person: { idNumber: string; name: string };
  course: { code: string; title: string; category: 'PUBLIC' | 'PROFESSIONAL' };
  hours: number;
  completedOn: string;
}

export interface HourPerson {
  person: Person;
  profile: Profile;
  records: { institutionId: string; record: HourRecord }[];
  voided?: { institutionId: string; recordId: string };
}

const PUBLIC_COURSES = [
  ['GX-101', '专业技术人员职业道德与诚信建设'],
  ['GX-102', '知识产权保护与运用'],
  ['GX-103', '数字经济与创新驱动发展'],
  ['GX-104', '心理健康与压力管理'],
  ['GX-105', '法治素养提升'],
  ['GX-106', '安全生产与应急管理'],
] as const;
const PROFESSIONAL_COURSES = [
  ['ZY-201', '人工智能应用实务'],
  ['ZY-202', '工程项目管理'],
  ['ZY-203', '现代农业技术推广'],
  ['ZY-204', '临床合理用药'],
  ['ZY-205', '智能制造技术'],
  ['ZY-206', '大数据分析方法'],
  ['ZY-207', '建筑节能设计'],
  ['ZY-208', '中药材规范化种植'],
  ['ZY-209', '财务数字化转型'],
  ['ZY-210', '教育教学能力提升'],
  ['ZY-211', '新能源技术与应用'],
  ['ZY-212', '生态环境监测'],
] as const;
const VOID_REASONS = ['学员未完成考核，学时登记有误', '重复登记，予以作废', '课程学时核定错误'];

export function institutionsFor(ctx: DemoContext): Institution[] {
  const { prefix, provinces } = ctx.options;
  const list: Institution[] = [];
  provinces.slice(0, 2).forEach((p, k) => {
    list.push({ id: `${prefix}NB-${p}`, name: `国家级专业技术人员继续教育基地（${provinceShort(p)}${k ? '工程技术大学' : '行政学院'}）`, level: 'NATIONAL_BASE', region: `${p}0000`, province: p });
  });
  for (const p of provinces) {
    list.push({ id: `${prefix}PB-${p}`, name: `${provinceName(p)}专业技术人员继续教育基地`, level: 'PROVINCIAL_BASE', region: `${p}0000`, province: p });
    list.push({ id: `${prefix}AC-${p}`, name: `${provinceShort(p)}职业技术学院继续教育学院`, level: 'ACCREDITED', region: `${p}0100`, province: p });
  }
  return list;
}

/** The demo year: the current one once half of it has passed, else the previous one. */
export function hoursYear(anchor: string): number {
  const year = Number(anchor.slice(0, 4));
  return anchor.slice(5) >= '07-01' ? year : year - 1;
}

function profileOf(i: number, rng: () => number): Profile {
  // The first four people show each profile once, whatever the scale.
  if (i < 4) return (['COMPLIANT', 'SHORT_TOTAL', 'SHORT_PROFESSIONAL', 'VOIDED_SHORT'] as const)[i]!;
  const x = rng();
  return x < 0.58 ? 'COMPLIANT' : x < 0.8 ? 'SHORT_TOTAL' : x < 0.92 ? 'SHORT_PROFESSIONAL' : 'VOIDED_SHORT';
}

/** Splits `total` hours into records of `min`–`max` hours (multiples of 0.5). */
function chunks(rng: () => number, total: number, [min, max]: readonly [number, number]): number[] {
  const out: number[] = [];
  let left = total;
  while (left > 0) {
    const h = Math.min(left, intIn(rng, min * 2, max * 2) / 2);
    out.push(h);
    left -= h;
  }
  return out;
}

export function hourPeople(ctx: DemoContext, people: readonly Person[], institutions: readonly Institution[]): HourPerson[] {
  const year = hoursYear(ctx.anchor);
  const last = `${year}-12-20` < ctx.anchor ? `${year}-12-20` : addDays(ctx.anchor, -1);
  const span = Math.max(1, Math.round((Date.parse(last) - Date.parse(`${year}-01-05`)) / 86_400_000));
  const national = institutions.filter((x) => x.level === 'NATIONAL_BASE');
  return people.map((person, i) => {
    const rng = rngFor('hours', ctx.options.seed, ctx.options.prefix, i);
    const profile = profileOf(i, rng);
    const home = institutions.filter((x) => x.province === person.province && x.level !== 'NATIONAL_BASE');
    let publicHours: number;
    let professionalHours: number;
    switch (profile) {
      case 'COMPLIANT':
        publicHours = intIn(rng, 30, 40);
        professionalHours = intIn(rng, 60, 80);
        break;
      case 'SHORT_TOTAL':
        publicHours = intIn(rng, 10, 30);
        professionalHours = intIn(rng, 24, 50);
        break;
      case 'SHORT_PROFESSIONAL':
        publicHours = intIn(rng, 40, 56);
        professionalHours = intIn(rng, 50, 58);
        break;
      case 'VOIDED_SHORT':
        publicHours = 30;
        professionalHours = intIn(rng, 62, 66);
        break;
    }
    // Courses of 8–24 hours (a few days' training); 4–8 where the region caps hours credited a day.
    const cap = policyFor(person.region, POLICIES).dailyCapHours;
    const size = cap ? ([Math.min(4, cap), cap] as const) : ([8, 24] as const);
    const hours = [
      ...chunks(rng, publicHours, size).map((h) => ({ h, category: 'PUBLIC' as const })),
      ...(profile === 'VOIDED_SHORT' ? [{ h: 8, category: 'PROFESSIONAL' as const }] : []),
      ...chunks(rng, profile === 'VOIDED_SHORT' ? professionalHours - 8 : professionalHours, size).map((h) => ({ h, category: 'PROFESSIONAL' as const })),
    ];
    // Distinct days, so no region's daily cap cuts anything.
    const days = new Set<number>();
    while (days.size < hours.length) days.add(intIn(rng, 0, span));
    const sortedDays = [...days].sort((a, b) => a - b);
    const records = hours.map(({ h, category }, k) => {
      const [code, title] = category === 'PUBLIC' ? pick(rng, PUBLIC_COURSES) : pick(rng, PROFESSIONAL_COURSES);
      const institution = category === 'PROFESSIONAL' && national.length && rng() < 0.15 ? pick(rng, national) : pick(rng, home);
      return {
        institutionId: institution.id,
        record: {
          recordId: `${ctx.options.prefix}H${year}-${String(i).padStart(5, '0')}-${String(k).padStart(2, '0')}`,
          person: { idNumber: person.idNumber, name: person.name },
          course: { code, title, category },
          hours: h,
          completedOn: addDays(`${year}-01-05`, sortedDays[k]!),
        },
      };
    });
    const voided = profile === 'VOIDED_SHORT' ? records.find((r) => r.record.course.category === 'PROFESSIONAL' && r.record.hours === 8) : undefined;
    return { person, profile, records, ...(voided ? { voided: { institutionId: voided.institutionId, recordId: voided.record.recordId } } : {}) };
  });
}

export interface LearningHoursResult {
  institutions: Institution[];
  people: HourPerson[];
  year: number;
  newInstitutions: number;
  created: number;
  duplicate: number;
  voided: number;
}

export async function registerInstitutions(ctx: DemoContext, institutions: readonly Institution[]): Promise<number> {
  let created = 0;
  await inPool(institutions, ctx.options.concurrency, async (x) => {
    const { status } = await ctx.expect([201, 409], 'POST', '/institutions', ADMIN, { id: x.id, name: x.name, level: x.level, region: x.region });
    if (status === 201) created++;
  });
  return created;
}

export async function loadLearningHours(ctx: DemoContext, people: readonly Person[]): Promise<LearningHoursResult> {
  const institutions = institutionsFor(ctx);
  const newInstitutions = await registerInstitutions(ctx, institutions);
  ctx.log(`  institutions: ${institutions.length} in ${ctx.options.provinces.length} provinces (${newInstitutions} new)`);

  const list = hourPeople(ctx, people, institutions);
  const byInstitution = new Map<string, HourRecord[]>();
  for (const p of list) for (const r of p.records) byInstitution.set(r.institutionId, [...(byInstitution.get(r.institutionId) ?? []), r.record]);
  const batches: { institutionId: string; records: HourRecord[] }[] = [];
  for (const [institutionId, records] of byInstitution) for (let k = 0; k < records.length; k += 500) batches.push({ institutionId, records: records.slice(k, k + 500) });
  let created = 0;
  let duplicate = 0;
  await inPool(batches, ctx.options.concurrency, async ({ institutionId, records }) => {
    const { body } = await ctx.expect<{ summary: { created: number; duplicate: number; conflict: number; rejected: number; failed: number } }>(
      [200],
      'POST',
      `/institutions/${institutionId}/hour-records`,
      { group: 'institution', tenant: institutionId },
      { records },
    );
    const s = body.summary;
    if (s.rejected || s.failed || s.conflict) throw new Error(`Hour records for ${institutionId}: ${JSON.stringify(s)}`);
    created += s.created;
    duplicate += s.duplicate;
  });
  const records = list.reduce((n, p) => n + p.records.length, 0);
  ctx.log(`  hour records: ${records} for ${list.length} people (${created} new, ${duplicate} already there)`);

  let voided = 0;
  const toVoid = list.filter((p) => p.voided);
  await inPool(toVoid, ctx.options.concurrency, async (p, k) => {
    const { institutionId, recordId } = p.voided!;
    const { status } = await ctx.expect([200, 409], 'POST', `/institutions/${institutionId}/hour-records/${recordId}/void`, { group: 'institution', tenant: institutionId }, { reason: VOID_REASONS[k % VOID_REASONS.length] });
    if (status === 200) voided++;
  });
  const profiles = new Map<string, number>();
  for (const p of list) profiles.set(p.profile, (profiles.get(p.profile) ?? 0) + 1);
  ctx.log(`  voided records: ${toVoid.length} (${voided} new); people: ${[...profiles].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return { institutions, people: list, year: hoursYear(ctx.anchor), newInstitutions, created, duplicate, voided };
}
