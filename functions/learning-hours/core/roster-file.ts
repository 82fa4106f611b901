import { parse } from 'csv-parse/sync';
import { text as bilingual, type LocalizedText } from '../../../shared/http/messages';
import { ID_TYPE_NAMES, ID_TYPES, parseIdType } from '../../../shared/ids/identity-document';

/*
 * A CSV roster as institutions export it (DESIGN §4): UTF-8 with or without BOM, or GB18030 as
 * written by Chinese spreadsheet tools; columns found by header, in English or Chinese.
 */

export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 20_000;

export type RosterEncoding = 'utf-8' | 'gb18030';

/**
 * Text of the file. Valid UTF-8 is read as UTF-8 (a BOM is dropped); anything else is read as
 * GB18030, a superset of GBK and GB2312, which is what Excel and WPS write for "CSV" on a
 * Chinese-language system. That fallback always yields text; a file in some third encoding then
 * fails on its header row, with a message that names the columns.
 */
export function decodeRoster(bytes: Uint8Array): { text: string; encoding: RosterEncoding } {
  try {
    // `ignoreBOM: false` (the default) strips a leading BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The fields of an hour record, each with the header names institutions use for it. */
export const ROSTER_COLUMNS = {
  recordId: ['recordId', '记录编号'],
  idNumber: ['idNumber', '身份证号', '身份证号码', '证件号码', '证件号'],
  idType: ['idType', '证件类型'],
  idCountry: ['idCountry', '证件国家', '签发国家'],
  name: ['name', '姓名'],
  courseCode: ['courseCode', '课程代码', '课程编号'],
  courseTitle: ['courseTitle', '课程名称'],
  category: ['category', '科目类别', '类别'],
  hours: ['hours', '学时'],
  completedOn: ['completedOn', '完成日期'],
  replaces: ['replaces', '更正记录编号'],
} as const;
export type RosterColumn = keyof typeof ROSTER_COLUMNS;
const OPTIONAL_COLUMNS: readonly RosterColumn[] = ['replaces', 'idType', 'idCountry'];

/** Header cells compare without case, surrounding spaces, or full-width spaces. */
const normaliseHeader = (cell: string) => cell.replace(/[\s\u3000]/g, '').toLowerCase();

export interface RosterRow {
  /** Line number in the file (1 is the header), as a spreadsheet shows it. */
  line: number;
  cells: Partial<Record<RosterColumn, string>>;
}

export type ParsedRoster = { ok: true; rows: RosterRow[] } | { ok: false; reason: LocalizedText };

export function parseRoster(text: string): ParsedRoster {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Hand-edited files put stray quotes inside unquoted cells; those are taken literally.
    // With `info`, csv-parse yields { record, info } pairs; its typings only know plain records.
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse quotes the offending cell in its message, which may hold an ID number: name only the line and the fault.
    const { code, lines } = error as { code?: string; lines?: number };
    const near = lines ?? '?';
    const fault = code ?? 'parse error';
    return { ok: false, reason: bilingual(`文件在第 ${near} 行附近不是有效的 CSV（${fault}），请检查该处的引号。`, `The file is not valid CSV near line ${near} (${fault}); check the quotes there.`) };
  }
  const [header, ...body] = records.filter((r) => r.record.some((cell) => cell !== ''));
  if (!header) return { ok: false, reason: bilingual('文件为空。', 'The file is empty.') };

  const positions = new Map<RosterColumn, number>();
  header.record.forEach((cell, index) => {
    const name = normaliseHeader(cell);
    const column = (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).find((c) => ROSTER_COLUMNS[c].some((h) => normaliseHeader(h) === name));
    if (column && !positions.has(column)) positions.set(column, index);
  });
  const missing = (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).filter((c) => !positions.has(c) && !OPTIONAL_COLUMNS.includes(c));
  if (missing.length) {
    const columns = missing.map((c) => ROSTER_COLUMNS[c].join(' / '));
    return { ok: false, reason: bilingual(`表头缺少以下列：${columns.join('；')}。`, `The header row lacks ${columns.join('; ')}.`) };
  }
  if (body.length > MAX_ROSTER_ROWS) {
    return { ok: false, reason: bilingual(`名单最多 ${MAX_ROSTER_ROWS} 行，本文件有 ${body.length} 行，请拆分后上传。`, `A roster holds at most ${MAX_ROSTER_ROWS} rows; this one has ${body.length}. Split it.`) };
  }

  return {
    ok: true,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries([...positions].map(([column, index]) => [column, record[index] ?? ''])),
    })),
  };
}

const CATEGORY_NAMES: Record<string, 'PUBLIC' | 'PROFESSIONAL'> = {
  public: 'PUBLIC',
  公需科目: 'PUBLIC',
  公需: 'PUBLIC',
  professional: 'PROFESSIONAL',
  专业科目: 'PROFESSIONAL',
  专业: 'PROFESSIONAL',
};

/** `YYYY-MM-DD`, or `YYYY/M/D` as spreadsheets write dates, to ISO; anything else unchanged (and rejected later). */
export function normaliseDate(text: string): string {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (!match) return text;
  const [, y, m, d] = match;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

export type RowMapping = { ok: true; input: Record<string, unknown> } | { ok: false; errors: { path: string; message: string }[] };

/**
 * A row in the shape of a posted record, so it meets exactly the rules of the JSON API; only
 * what a CSV cannot say as JSON (numbers, category names, date forms) is translated here.
 */
export function rowToRecordInput(row: RosterRow): RowMapping {
  const { cells } = row;
  const errors: { path: string; message: string }[] = [];
  const hoursText = cells.hours ?? '';
  const hours = /^\d+(\.\d+)?$/.test(hoursText) ? Number(hoursText) : undefined;
  if (hours === undefined) errors.push({ path: 'hours', message: `“${hoursText}”不是有效的学时数` });
  const categoryText = cells.category ?? '';
  const category = CATEGORY_NAMES[categoryText.toLowerCase()];
  if (!category) errors.push({ path: 'category', message: `“${categoryText}”不是有效的科目类别，应为 PUBLIC / 公需科目 或 PROFESSIONAL / 专业科目` });
  // An empty type cell is a resident ID card, as in the JSON API.
  const idType = cells.idType ? parseIdType(cells.idType) : undefined;
  // The cell is not echoed: a number typed into the wrong column would land in the result file.
  if (cells.idType && !idType) errors.push({ path: 'idType', message: `证件类型应为 ${ID_TYPES.map((t) => `${ID_TYPE_NAMES[t]} / ${t}`).join('、')}` });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    input: {
      recordId: cells.recordId,
      person: { idNumber: cells.idNumber, name: cells.name, ...(idType ? { idType } : {}), ...(cells.idCountry ? { idCountry: cells.idCountry } : {}) },
      course: { code: cells.courseCode, title: cells.courseTitle, category },
      hours,
      completedOn: normaliseDate(cells.completedOn ?? ''),
      ...(cells.replaces ? { replaces: cells.replaces } : {}),
    },
  };
}

const FIELD_COLUMNS: Record<string, RosterColumn> = {
  recordId: 'recordId',
  'person.idNumber': 'idNumber',
  'person.idType': 'idType',
  'person.idCountry': 'idCountry',
  'person.name': 'name',
  'course.code': 'courseCode',
  'course.title': 'courseTitle',
  'course.category': 'category',
  hours: 'hours',
  completedOn: 'completedOn',
  replaces: 'replaces',
};

/** A field path of the record (`records[3].person.idNumber`) as the roster column it came from (`idNumber`). */
export function columnOfPath(path: string): string {
  const field = path.replace(/^records\[\d+\]\.?/, '');
  return FIELD_COLUMNS[field] ?? (field || 'row');
}
