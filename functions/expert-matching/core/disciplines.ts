import * as z from 'zod';
import table from '../data/disciplines.json';

/*
 * The GB/T 13745-2009 discipline table (学科分类与代码), read from data/disciplines.json.
 *
 * A first-level discipline has a 3-digit code (110 数学); a second-level one adds 2 digits
 * (11021 代数学), so the first three digits of any code name its group. The file is checked when
 * the module loads: a typo in the table fails the cold start instead of silently scoring every
 * expert in that discipline as unrelated.
 */
export type DisciplineCategory = 'A' | 'B' | 'C' | 'D' | 'E';

export interface Discipline {
  code: string;
  name: string;
  nameEn: string;
  level: 1 | 2;
  /** The first-level code this discipline belongs to (itself for a first-level one). */
  group: string;
  category: DisciplineCategory;
}

const category = z.enum(['A', 'B', 'C', 'D', 'E']);
const name = z.string().trim().min(1);
const tableSchema = z
  .object({
    categories: z.array(z.strictObject({ code: category, name, nameEn: name })),
    firstLevel: z.array(z.strictObject({ code: z.string().regex(/^\d{3}$/), category, name, nameEn: name })),
    secondLevel: z.array(z.strictObject({ code: z.string().regex(/^\d{5}$/), name, nameEn: name })),
  })
  .refine((t) => t.secondLevel.every((d) => t.firstLevel.some((f) => f.code === d.code.slice(0, 3))), 'Every second-level code needs its first-level group')
  .refine((t) => {
    const codes = [...t.firstLevel, ...t.secondLevel].map((d) => d.code);
    return new Set(codes).size === codes.length;
  }, 'Discipline codes must be unique');

const parsed = tableSchema.parse(table);

export const DISCIPLINE_CATEGORIES: ReadonlyMap<DisciplineCategory, { name: string; nameEn: string }> = new Map(
  parsed.categories.map((c) => [c.code, { name: c.name, nameEn: c.nameEn }]),
);

const byCode = new Map<string, Discipline>();
for (const d of parsed.firstLevel) byCode.set(d.code, { ...d, level: 1, group: d.code });
for (const d of parsed.secondLevel) {
  const group = d.code.slice(0, 3);
  // The refine above guarantees the group exists.
  byCode.set(d.code, { ...d, level: 2, group, category: byCode.get(group)!.category });
}

/** Every discipline in the table, first-level ones before second-level ones, each by code. */
export const DISCIPLINES: readonly Discipline[] = [...byCode.values()].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));

const CODE = /^\d{3}(\d{2})?$/;

/** The discipline with this code, or undefined when the table does not list it. */
export function disciplineOf(code: string): Discipline | undefined {
  return byCode.get(code);
}

/**
 * The first-level group of a code: its first three digits. Defined for any well-formed code,
 * listed or not, because the group is what field overlap compares.
 */
export function disciplineGroup(code: string): string {
  if (!CODE.test(code)) throw new RangeError(`Not a GB/T 13745 discipline code: ${code}`);
  return code.slice(0, 3);
}

/** Whether `code` is well formed and its first-level group exists (second-level codes need not be listed). */
export function isKnownDisciplineCode(code: string): boolean {
  return CODE.test(code) && byCode.has(code.slice(0, 3));
}

/** "11021 代数学 (Algebra)", or the bare code when the table does not list it. */
export function disciplineLabel(code: string): string {
  const d = byCode.get(code);
  return d ? `${d.code} ${d.name} (${d.nameEn})` : code;
}
