/** A byte-order mark so Excel opens UTF-8 (and Hangul) correctly. */
export const UTF8_BOM = '\uFEFF';

/** One cell, quoted per RFC 4180 when needed; a leading = + - @ would be a formula in a spreadsheet. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record: the cells joined with commas, without a line end. */
export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',');
}

/** CSV with a BOM and CRLF line ends, as Excel expects. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return UTF8_BOM + [header, ...rows].map(csvRow).join('\r\n') + '\r\n';
}
