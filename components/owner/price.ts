/** Cents as the owner typed them, for a price field's default value: 1250 -> "12.50". */
export const priceInput = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
