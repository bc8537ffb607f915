import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id, m=19456 KiB, t=2, p=1 (the OWASP baseline).
export const hashPassword = (password: string) => hash(password);

// A real hash to verify against when the email is unknown, so that a miss costs as long as a wrong password.
const DECOY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcmVhbC11c2Vy$0QgyUxBTUdmbvdBwk0AKYzuuUypmU4tD5MQ+nmHRQbU";

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DECOY_HASH, password);
    return ok && Boolean(passwordHash);
  } catch {
    return false;
  }
}
