import { MAX_SAVED_ADDRESSES } from "@/db/schema";
import { changedSinceOpened } from "@/lib/action";

/** The saved addresses' words, in one place. */
export const addressMessages = {
  added: "Address saved.",
  deleted: "Address deleted.",
  updated: "Address updated.",
  defaultSet: "Default address changed.",
  // Also the answer for another customer's id: it says nothing that "not found" would not.
  notFound: "That address is no longer saved (deleted in another tab?). The list below is up to date.",
  /** An edit of an address deleted meanwhile: the refreshed page drops its form, and with it what was typed. */
  notFoundEdit:
    "That address is no longer saved (deleted in another tab?), so your changes were not kept. Add it again below.",
  /** An edit from a form drawn before another tab's: the refreshed form shows the address as it is now. */
  changed: changedSinceOpened("this address", "in another tab"),
  tooMany: `You can keep at most ${MAX_SAVED_ADDRESSES} addresses. Delete one to add another.`,
  duplicate: (label: string) => `You have already saved this address, as "${label}".`,
  labelTaken: (label: string) => `You already have an address called "${label}": choose another name.`,
};
