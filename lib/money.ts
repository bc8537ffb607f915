/** Money is an integer number of cents everywhere; these are the only conversions, at the edges. */

const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatCents(cents: number): string {
  return formatter.format(cents / 100);
}

/** 1250 -> "12.50": a plain decimal (a price field's value, a CSV cell a spreadsheet reads as a number). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Bigint sums arrive as text (postgres.js and PGlite agree on text); refuse anything a number cannot hold exactly. */
export function centsFromDb(value: string | number | bigint): number {
  const cents = Number(value);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents within range: ${String(value)}`);
  return cents;
}

const MONEY_PATTERN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "12", "12.5", "12.50" -> 1250. Anything else (negative, three decimals, text, exponent) -> null. */
export function parseMoney(input: string): number | null {
  const match = MONEY_PATTERN.exec(input.trim());
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
