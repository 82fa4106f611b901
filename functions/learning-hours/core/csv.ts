/*
 * CSV for spreadsheets, safe against formula injection (OWASP): a cell that a spreadsheet would
 * read as a formula (= + - @, or a leading tab / carriage return) is prefixed with a quote, and
 * every cell that needs it is quoted. A UTF-8 BOM lets Excel read Chinese text correctly.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
