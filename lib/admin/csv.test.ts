import { describe, expect, it } from "vitest";

import { centsToDecimal } from "@/lib/money";

import { csvCell, csvRow } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell('Say "hi", then\nleave')).toBe('"Say ""hi"", then\nleave"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
  });

  it("defuses formulas", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("Zed;=1+2;@SUM(A1)")).toBe(`"Zed;'=1+2;'@SUM(A1)"`);
    expect(csvCell("Pad Thai, -spicy")).toBe(`"Pad Thai, '-spicy"`);
    expect(csvCell('Zed; "=1+2"')).toBe(`"Zed; ""'=1+2"""`);
  });

  it("leaves no formula for a reader that splits on semicolons or tabs and ignores our quotes", () => {
    const name = "Zed;=1+2; @SUM(A1)\t+cmd|' /C calc'!A0";
    const line = csvRow([7, "zed", name, "zed@example.com"]);
    // Such a reader (a spreadsheet in a locale whose list separator is ";") takes a quote after the line's start
    // as text, so the cells are what lies between separators.
    for (const separator of [";", "\t"]) {
      const cells = line.trimEnd().split(separator);
      expect(cells.length).toBeGreaterThan(1);
      for (const cell of cells) expect(cell.trimStart()).not.toMatch(/^[=+\-@]/);
    }
    expect(line).toBe(`7,zed,"Zed;'=1+2; '@SUM(A1)\t'+cmd|' /C calc'!A0",zed@example.com\r\n`);
  });

  it("writes rows with CRLF", () => {
    expect(csvRow(["a", 1, "b,c"])).toBe('a,1,"b,c"\r\n');
  });

  it("formats cents as decimal money", () => {
    expect(centsToDecimal(1250)).toBe("12.50");
    expect(centsToDecimal(5)).toBe("0.05");
    expect(centsToDecimal(0)).toBe("0.00");
    expect(centsToDecimal(2_475_000_000)).toBe("24750000.00");
  });
});
