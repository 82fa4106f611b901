import ExcelJS from 'exceljs';

/**
 * One worksheet as an .xlsx file, the first row bold and frozen as the header. Strings stay
 * strings (exceljs writes them as shared strings, never formulas), so a cell starting with "="
 * cannot run in the reader's spreadsheet.
 */
export async function toXlsx(sheetName: string, rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
