/** CSV for spreadsheets: RFC 4180 quoting, plus a guard against formula injection. */

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Where a cell may begin in a reader that splits on another separator than ours: after a semicolon or a tab (the
 * list separator of many locales, or what an importer guessed), a comma, or a line break. Such a reader takes our
 * quotes for text once a line has begun (a quote opens a field only at its start), so quoting alone does not stop
 * `Zed;=1+2` from becoming a cell `=1+2`. Spaces and quotes may come between (`Zed; "=1+2"`): a lenient reader
 * may drop them.
 */
const FORMULA_AFTER_SEPARATOR = /([;,\t\r\n][ "]*)(?=[=+\-@])/g;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * A cell a spreadsheet will not execute: text starting with = + - @ (or a tab/CR) is prefixed with a single quote
 * (OWASP's advice), and so is each such start after a separator inside it (FORMULA_AFTER_SEPARATOR); then it is
 * quoted when it holds a quote, comma, semicolon or line break. Numbers are written as they are, so a negative
 * amount stays a number.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = (FORMULA_START.test(value) ? `'${value}` : value).replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvRow = (cells: readonly (string | number | null | undefined)[]) => `${cells.map(csvCell).join(",")}\r\n`;
