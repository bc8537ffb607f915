/** One line of an order, as a list's summary names it. */
export type SummaryLine = {
  name: string;
  quantity: number;
  options?: { choiceName: string }[];
  instructions?: string;
};

/**
 * The most characters an order's one-line summary takes in a list (the profile, the history). An order may hold 50
 * lines of 200-character notes each; a list of 20 such rows, written twice (the HTML and the RSC payload), would
 * weigh hundreds of kilobytes. The order's own page lists every line in full.
 */
export const SUMMARY_MAX_CHARS = 120;

/** "2 × Pizza (Large, Cheese; note: no basil)": a line's options in a few words. */
function lineText(line: SummaryLine) {
  const details = [
    (line.options ?? []).map((o) => o.choiceName).join(", "),
    line.instructions ? `note: ${line.instructions}` : "",
  ].filter(Boolean);
  return `${line.quantity} × ${line.name}${details.length > 0 ? ` (${details.join("; ")})` : ""}`;
}

/**
 * What was in an order, in one line: "2 × Ramen · 1 × Gyoza". The lines that fit in SUMMARY_MAX_CHARS, whole, then
 * "+ 3 more" for the rest; a first line longer than that alone is cut with an ellipsis. Cut by code points, so
 * that no emoji is split in half.
 */
export function orderSummary(lines: SummaryLine[]): string {
  const texts = lines.map(lineText);
  let summary = "";
  let shown = 0;
  for (const text of texts) {
    const next = shown === 0 ? text : `${summary} · ${text}`;
    if ([...next].length > SUMMARY_MAX_CHARS) break;
    summary = next;
    shown += 1;
  }
  if (shown === 0 && texts.length > 0) {
    summary = `${[...texts[0]!].slice(0, SUMMARY_MAX_CHARS - 1).join("")}…`;
    shown = 1;
  }
  const rest = texts.length - shown;
  return rest > 0 ? `${summary} · + ${rest} more` : summary;
}
