import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { ActionState } from "@/lib/action";
import { ActionForm } from "@/components/ui/action-form";

/**
 * A server action as Next.js hands one to a client component: React writes it into the page as the form's POST
 * ($$FORM_ACTION), bound to useActionState's state by its own bind, so that the form works without JavaScript.
 */
function serverAction(): (state: ActionState, form: FormData) => Promise<ActionState> {
  const formAction = () => ({
    name: "$ACTION_ID_00ab",
    method: "POST",
    encType: "multipart/form-data",
    data: new FormData(),
  });
  const action = Object.assign(async (): Promise<ActionState> => ({}), { $$FORM_ACTION: formAction });
  action.bind = (...args: [unknown, ...unknown[]]) =>
    Object.assign(Function.prototype.bind.apply(action, args), { $$FORM_ACTION: formAction });
  return action;
}

/** The form's markup as the server sends it, before any script runs. */
function page(confirmMessage?: string) {
  const props: ComponentProps<typeof ActionForm> = {
    action: serverAction(),
    confirmMessage,
    children: () => createElement("button", { type: "submit" }, "Delete"),
  };
  return renderToStaticMarkup(createElement(ActionForm, props));
}

describe("ActionForm as the server renders it", () => {
  it("posts to its action without JavaScript", () => {
    const html = page();
    expect(html).toContain('method="POST"');
    expect(html).toContain("$ACTION_ID_00ab");
  });

  it("sends nothing before hydration when it must ask first: a delete is never made unasked", () => {
    const html = page("Delete the category Desserts?");
    expect(html).not.toContain("$ACTION");
    expect(html).not.toMatch(/ action="/);
    // Not a GET of the page either, which would reload it with the fields in its address.
    expect(html).toContain('method="dialog"');
  });
});
