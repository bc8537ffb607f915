import { MAX_SAVED_ADDRESSES } from "@/db/schema";

/** The saved addresses' words, in one place. */
export const addressMessages = {
  added: "Address saved.",
  deleted: "Address deleted.",
  updated: "Address updated.",
  defaultSet: "Default address changed.",
  notFound: "Address not found.",
  tooMany: `You can keep at most ${MAX_SAVED_ADDRESSES} addresses. Delete one to add another.`,
  duplicate: (label: string) => `You have already saved this address, as "${label}".`,
  labelTaken: (label: string) => `You already have an address called "${label}": choose another name.`,
};
