"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the ticket's print styles leave only the ticket on the paper. */
export function PrintButton() {
  return (
    <Button type="button" onClick={() => window.print()} className="print:hidden">
      Print ticket
    </Button>
  );
}
