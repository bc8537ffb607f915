import "server-only";

import { cookies, headers } from "next/headers";
import { cache } from "react";

import { lsnValue, setConsistencyHooks, type ReadFloor } from "@/db/replicas";
import { cookieIsSecure } from "@/lib/http/security-headers";

/**
 * Read-your-writes across read replicas (decision 0014). After a request commits a write on the primary, the
 * primary's WAL position goes into a short-lived cookie; while the cookie lives, this reader's reads go to a replica
 * only once it has replayed that far (db/replicas.ts decides, once per request). Other readers carry no cookie and
 * read from any replica. Only with DATABASE_REPLICA_URLS: without replicas nothing here runs.
 */
export const CONSISTENCY_COOKIE = "platter-wal";

/**
 * How long a reader is held to their last write. Replication normally takes milliseconds; a replica further behind
 * than this is out of step with everyone, the writer included, until it catches up.
 */
const MAX_AGE_SECONDS = 60;

/** The reader's floor, one object per request (React cache), where db/replicas.ts keeps its decision. */
const readFloor = cache(async (): Promise<ReadFloor | null> => {
  let value: string | undefined;
  try {
    value = (await cookies()).get(CONSISTENCY_COOKIE)?.value;
  } catch {
    return null; // outside a request (scripts, start-up): no reader to be consistent for
  }
  if (!value) return null;
  try {
    lsnValue(value);
  } catch {
    return null; // a cookie edited by hand is no promise: read from any replica
  }
  return { lsn: value };
});

/**
 * After a write committed (a transaction, or one statement outside one): one more statement on the primary for
 * its WAL position, then the cookie. A page render cannot set cookies (and does not write): nothing is asked then.
 */
async function written(currentLsn: () => Promise<string>): Promise<void> {
  let jar: Awaited<ReturnType<typeof cookies>>;
  let options: typeof OPTIONS & { secure: boolean };
  try {
    jar = await cookies();
    options = { ...OPTIONS, secure: cookieIsSecure(await headers()) };
    // Fails at once where cookies are read-only, before any statement is spent.
    jar.set(CONSISTENCY_COOKIE, jar.get(CONSISTENCY_COOKIE)?.value ?? "0/0", options);
  } catch {
    return; // outside a request, or rendering a page
  }
  let lsn: string;
  try {
    lsn = await currentLsn();
  } catch (error) {
    // The write has committed: it must not be reported as failed because its position could not be read. With the
    // cookie left at the placeholder above ("0/0", or an older write's), every replica would pass the check and the
    // writer could read from behind their own write: hold them to the primary for the cookie's lifetime instead.
    console.warn("read-your-writes: the primary's WAL position could not be read after a write", error);
    lsn = PRIMARY_ONLY_LSN;
  }
  jar.set(CONSISTENCY_COOKIE, lsn, options);
}

/** A position no replica reaches: the reader reads the primary until the cookie expires. */
const PRIMARY_ONLY_LSN = "FFFFFFFF/FFFFFFFF";

const OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", maxAge: MAX_AGE_SECONDS } as const;

setConsistencyHooks({ floor: readFloor, written });
