/**
 * The commonest typo, two letters swapped ("suhsi", "psata"), shares too few trigrams with the word meant for the
 * search's word similarity to forgive it, so a search that finds nothing tries these instead (suggest.ts).
 */

/**
 * More swaps than this (a long query: three words or so) and no suggestion is looked for. A query that finds
 * nothing tries every swap, and each costs the trigram index scans of the dishes and, on bench:search's 200
 * restaurants, a sequential scan of those (the planner's choice for so few rows) computing each one's word
 * similarity: about 1.5 ms a swap, so that 12 swaps keep the worst case near 20 ms (docs/benchmarks.md).
 */
export const MAX_SWAPS = 12;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
const isLetter = (g: string) => /^\p{L}/u.test(g);
// Letters that search compares as the same (case, accents): swapping them searches the query again.
const folded = (g: string) => g.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * `q` with one pair of adjacent letters swapped, for each such pair inside a word, earliest pair first; none when
 * there would be more than `max`. Letters are whole graphemes, so an accent moves with its letter ("crpêe" →
 * "crêpe", also when the accent is a combining mark). A swap search would read as the same query is left out.
 */
export function swappedLetterVariants(q: string, max = MAX_SWAPS): string[] {
  const letters = Array.from(graphemes.segment(q), (s) => s.segment);
  const variants: string[] = [];
  for (let i = 0; i + 1 < letters.length; i++) {
    const [a, b] = [letters[i]!, letters[i + 1]!];
    if (!isLetter(a) || !isLetter(b) || folded(a) === folded(b)) continue;
    if (variants.length === max) return [];
    variants.push([...letters.slice(0, i), b, a, ...letters.slice(i + 2)].join(""));
  }
  return variants;
}
