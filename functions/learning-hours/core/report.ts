import { quotaOf, type Institution } from './institutions';
import type { HourRecord } from './records';

export interface CourseLine {
  code: string;
  title: string;
  category: HourRecord['course']['category'];
  records: number;
  trainees: number;
  hours: number;
}

export interface AnnualReport {
  institutionId: string;
  name: string;
  level: Institution['level'];
  year: number;
  distinctTrainees: number;
  records: number;
  voidedRecords: number;
  hours: { total: number; professional: number; public: number };
  courses: CourseLine[];
  /** The yearly trainee quota of the institution's level (null: accredited institutions have none). */
  quota: number | null;
  quotaMet: boolean | null;
}

const half = (hours: number) => Math.round(hours * 2);

/** An institution's year, from its records: voided records are counted apart and add nothing. */
export function annualReport(institution: Institution, year: number, records: HourRecord[]): AnnualReport {
  const active = records.filter((r) => r.status === 'ACTIVE' && r.year === year);
  const trainees = new Set(active.map((r) => r.personId));
  const byCourse = new Map<string, { line: CourseLine; people: Set<string>; halves: number }>();
  let professional = 0;
  let publicHalves = 0;
  for (const record of active) {
    if (record.course.category === 'PROFESSIONAL') professional += half(record.hours);
    else publicHalves += half(record.hours);
    const key = `${record.course.code}\u0000${record.course.title}`;
    const entry = byCourse.get(key) ?? { line: { ...record.course, records: 0, trainees: 0, hours: 0 }, people: new Set<string>(), halves: 0 };
    entry.line.records++;
    entry.people.add(record.personId);
    entry.halves += half(record.hours);
    byCourse.set(key, entry);
  }
  const quota = quotaOf(institution.level);
  return {
    institutionId: institution.id,
    name: institution.name,
    level: institution.level,
    year,
    distinctTrainees: trainees.size,
    records: active.length,
    voidedRecords: records.filter((r) => r.status === 'VOIDED' && r.year === year).length,
    hours: { total: (professional + publicHalves) / 2, professional: professional / 2, public: publicHalves / 2 },
    courses: [...byCourse.values()]
      .map(({ line, people, halves }) => ({ ...line, trainees: people.size, hours: halves / 2 }))
      .sort((a, b) => b.hours - a.hours || a.code.localeCompare(b.code)),
    quota,
    quotaMet: quota === null ? null : trainees.size >= quota,
  };
}
