import { describe, expect, it, vi } from "vitest";

import { updateAddressAction } from "@/lib/addresses/actions";
import { addressMessages } from "@/lib/addresses/messages";
import { addAddress, listAddresses } from "@/lib/addresses/queries";
import { findActiveViewer } from "@/lib/auth/queries";

import { freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

describe("editing a saved address from a form drawn before another tab's edit, on postgres", () => {
  const db = freshDatabase("postgres");

  it("refuses the stale form instead of writing its old text over the newer one", async () => {
    const { user } = await createUser(db());
    const viewer = (await findActiveViewer(user.id))!;
    signInAs(viewer);
    const added = await addAddress({ viewer, label: "Home", address: "7 Elm Row, Old Town", makeDefault: false });
    const id = (added as { addressId: number }).addressId;

    // Two tabs draw the edit form of the same address.
    const [drawn] = await listAddresses({ viewer });
    expect(drawn).toMatchObject({ id, label: "Home", address: "7 Elm Row, Old Town" });
    const fromForm = (changes: { label?: string; address?: string }) => ({
      addressId: id,
      version: drawn!.version,
      label: drawn!.label,
      address: drawn!.address,
      ...changes,
    });

    // The first adds the door code and saves.
    expect(await submit(updateAddressAction, fromForm({ address: "7 Elm Row, Flat 2, code 4711, Old Town" }))).toEqual({
      ok: true,
      message: addressMessages.updated,
    });
    // The second, still showing the old text, only renames it: saving must not put the old text back.
    const stale = await submit(updateAddressAction, fromForm({ label: "Mum's" }));
    expect(stale).toEqual({ stale: true, message: addressMessages.changed });
    expect((await listAddresses({ viewer })).map((a) => [a.label, a.address])).toEqual([
      ["Home", "7 Elm Row, Flat 2, code 4711, Old Town"],
    ]);

    // Drawn again, the form saves.
    const [fresh] = await listAddresses({ viewer });
    expect(
      await submit(updateAddressAction, {
        addressId: id,
        version: fresh!.version,
        label: "Mum's",
        address: fresh!.address,
      }),
    ).toEqual({ ok: true, message: addressMessages.updated });
    expect((await listAddresses({ viewer })).map((a) => [a.label, a.address])).toEqual([
      ["Mum's", "7 Elm Row, Flat 2, code 4711, Old Town"],
    ]);
  });
});
