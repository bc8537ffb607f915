/** "1 order", "3 orders", "1,234 orders": a count with its noun (and verb) in agreement, thousands separated. */
export const counted = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
