/** CSV for spreadsheets: RFC 4180 quoting, plus a guard against formula injection. */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * A cell a spreadsheet will not execute: text starting with = + - @ (or a tab/CR) is prefixed with a single quote
 * (OWASP's advice), then quoted when it holds a quote, comma, semicolon or line break. The semicolon: a spreadsheet
 * set to a locale whose list separator it is splits an unquoted `Zed;=1+2` into a second cell that starts with `=`.
 * Numbers are written as they are, so a negative amount stays a number.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvRow = (cells: readonly (string | number | null | undefined)[]) => `${cells.map(csvCell).join(",")}\r\n`;
