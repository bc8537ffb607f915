import { counted } from "@/lib/words";

/**
 * The audit log in words: each action as a label and a sentence, its details as "key: value" facts, with the names
 * of the people and restaurants involved instead of ids. Pure, so that the wording is unit-tested
 * (audit-text.test.ts) and the page, the filters and the tests agree on it.
 */

export const AUDIT_ACTION_LABELS = {
  "user.role_change": "Role changed",
  "user.disable": "Account disabled",
  "user.enable": "Account enabled",
  "restaurant.create": "Restaurant created",
  "restaurant.owner_add": "Owner added",
  "restaurant.owner_remove": "Owner removed",
  "export.users": "Users exported",
  "export.orders": "Orders exported",
  "export.failed": "Export failed",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in refused (too many attempts)",
  "auth.password_reset": "Password reset",
  "auth.password_change": "Password changed",
  "auth.sign_out_everywhere": "Signed out everywhere",
} as const;

/**
 * A wrong current password on the password form, a sign-up with an email that has an account, and either refused by
 * the throttle, are stored as a failed and a refused sign-in (they share the sign-in throttle, and old rows have
 * those names), with `via` saying which form: shown as what they were.
 */
const LABELS_BY_FORM: Record<string, Partial<Record<KnownAuditAction, string>>> = {
  password_change: {
    "auth.sign_in_failed": "Wrong current password (password change)",
    "auth.sign_in_throttled": "Password change refused (too many attempts)",
  },
  sign_up: {
    "auth.sign_in_failed": "Sign-up with an email that has an account",
    "auth.sign_in_throttled": "Sign-up refused (too many attempts)",
  },
};

/** Keys of a detail object (an export's filter) said in this order, whatever order jsonb stored them in. */
const KEY_ORDER = ["from", "to"];
const keyRank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

export type KnownAuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as KnownAuditAction[];

export const isKnownAuditAction = (action: string): action is KnownAuditAction =>
  Object.hasOwn(AUDIT_ACTION_LABELS, action);

/** "sign_in_failed" or "restaurantsAdded" → "Sign in failed", "Restaurants added". */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Person = { displayName: string; email: string } | null;

export type AuditEntryText = {
  label: string;
  sentence: string;
  facts: { label: string; value: string }[];
};

export type AuditEntryInput = {
  action: string;
  details: Record<string, unknown>;
  target: Person;
  restaurantNames: Record<string, string>;
};

/** Keys shown by the sentence itself, or by another fact: not repeated as facts. */
const IN_SENTENCE: Partial<Record<KnownAuditAction, string[]>> = {
  "user.role_change": ["from", "to"],
  "restaurant.create": ["restaurantId", "name"],
  "restaurant.owner_add": ["restaurantId"],
  "restaurant.owner_remove": ["restaurantId"],
  "auth.password_change": ["otherSessionsEnded"],
  "auth.sign_out_everywhere": ["otherSessionsEnded", "keptThisSession"],
};

/** Where a sign-in attempt came from (`via`), in words. */
const VIA_TEXT: Record<string, string> = {
  http: "a direct request to the sign-in endpoint",
  password_change: "the password change form",
  sign_up: "the sign-up form",
};

const FACT_LABELS: Record<string, string> = {
  restaurantsAdded: "Restaurants added",
  restaurantsRemoved: "Restaurants removed",
  restaurantId: "Restaurant",
  rowsSent: "Rows written before the failure",
  cancelled: "Abandoned by the browser",
  sessionsEnded: "Sessions ended",
  otherSessionsEnded: "Other sessions ended",
  retryAfterSeconds: "Locked for (seconds)",
  lockedKey: "Locked by",
  slug: "Web address",
  timeZone: "Time zone",
  via: "Through",
  from: "From",
  to: "To",
};

/**
 * `words[key]` when `words` itself has it: stored details are looked up by what they hold, and a plain object also
 * answers "constructor" or "toString" (with a function, which is no text).
 */
const ownText = (words: Record<string, string>, key: string) => (Object.hasOwn(words, key) ? words[key] : undefined);

/** The zone of the days an orders export recorded before 2026-11-29, when exports began to record the admin's own. */
const LEGACY_EXPORT_ZONE = "UTC";

/** An export's date filter (an orders export, exported or failed) names its zone: the recorded one, or the legacy. */
function withExportZone(details: Record<string, unknown>): Record<string, unknown> {
  const filter = details.filter;
  if (!filter || typeof filter !== "object" || !("from" in filter) || "zone" in filter) return details;
  return { ...details, filter: { ...filter, zone: LEGACY_EXPORT_ZONE } };
}

export function describeAuditEntry(entry: AuditEntryInput): AuditEntryText {
  const d = withExportZone(entry.details ?? {});
  const restaurant = (id: unknown) =>
    typeof id === "number" ? (entry.restaurantNames[String(id)] ?? `restaurant no. ${id} (since deleted)`) : "—";
  const who = entry.target ? entry.target.displayName : "a deleted user";
  const known = isKnownAuditAction(entry.action) ? entry.action : undefined;
  const form = typeof d.via === "string" && Object.hasOwn(LABELS_BY_FORM, d.via) ? d.via : undefined;
  const formLabel = form && known ? LABELS_BY_FORM[form]![known] : undefined;
  const failedOn = known === "auth.sign_in_failed" && formLabel !== undefined ? form : undefined;
  const label = formLabel ?? (known ? AUDIT_ACTION_LABELS[known] : humanize(entry.action));
  const sessions = (key: string) => {
    const n = d[key];
    if (typeof n !== "number") return "their other sessions";
    return n === 0 ? "no other sessions" : counted(n, "other session", "other sessions");
  };
  const value = (key: string, v: unknown): string => {
    if (key === "restaurantId") return restaurant(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return "none";
      return (key.startsWith("restaurants") ? v.map(restaurant) : v.map((x) => value("", x))).join(", ");
    }
    if (v === null || v === undefined || v === "") return "—";
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (key === "via") return ownText(VIA_TEXT, String(v)) ?? String(v);
    if (typeof v === "object")
      return Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => keyRank(a) - keyRank(b))
        .map(([k, x]) => `${humanize(k).toLowerCase()} ${value(k, x)}`)
        .join(", ");
    return String(v);
  };
  const text = (key: string) => value(key, d[key]);

  let sentence: string;
  switch (entry.action) {
    case "user.role_change":
      // The role form also saves an owner's or an admin's restaurants alone, recorded with the same role on both
      // sides: that is a change of restaurants, not of role.
      sentence =
        d.from !== undefined && d.from === d.to
          ? `Changed ${who}'s restaurants; their role stays ${text("to")}.`
          : `Changed ${who}'s role from ${text("from")} to ${text("to")}.`;
      break;
    case "user.disable":
      sentence = `Disabled ${who}'s account.`;
      break;
    case "user.enable":
      sentence = `Enabled ${who}'s account.`;
      break;
    case "restaurant.create":
      sentence = `Created the restaurant ${typeof d.name === "string" ? d.name : restaurant(d.restaurantId)}.`;
      break;
    case "restaurant.owner_add":
      sentence = `Made ${who} an owner of ${restaurant(d.restaurantId)}.`;
      break;
    case "restaurant.owner_remove":
      sentence = `Removed ${who} as an owner of ${restaurant(d.restaurantId)}.`;
      break;
    case "export.users":
      sentence = "Downloaded the users' totals as CSV.";
      break;
    case "export.orders":
      sentence = "Downloaded the orders as CSV.";
      break;
    case "export.failed":
      sentence = `An export (${text("export") === "—" ? "CSV" : text("export")}) stopped before it was complete.`;
      break;
    case "auth.password_change":
      sentence = `${who} changed their password, which signed out ${sessions("otherSessionsEnded")}.`;
      break;
    case "auth.sign_out_everywhere":
      sentence =
        d.keptThisSession === true
          ? `${who} signed out everywhere else: ${sessions("otherSessionsEnded")}, keeping the session they used.`
          : `${who} signed out everywhere: the session they used and ${sessions("otherSessionsEnded")}.`;
      break;
    default:
      sentence =
        failedOn === "password_change"
          ? `${who} entered a wrong current password on the password change form.`
          : failedOn === "sign_up"
            ? `Someone tried to sign up with the email of ${who}'s account.`
            : entry.target
              ? `${label}: ${who}.`
              : `${label}.`;
  }
  // An owner added or removed whose role changed with it: one "Role" fact, not a "From" and a "To".
  const roleMoved = entry.action.startsWith("restaurant.owner_") && d.from !== undefined;
  const skip = new Set([
    ...(isKnownAuditAction(entry.action) ? (IN_SENTENCE[entry.action] ?? []) : []),
    ...(roleMoved ? ["from", "to"] : []),
    ...(formLabel ? ["via"] : []),
  ]);
  const facts = Object.entries(d)
    .filter(([key]) => !skip.has(key))
    .map(([key, v]) => ({ label: ownText(FACT_LABELS, key) ?? humanize(key), value: value(key, v) }));
  if (roleMoved) facts.unshift({ label: "Role", value: `${text("from")} → ${text("to")}` });
  return { label, sentence, facts };
}
