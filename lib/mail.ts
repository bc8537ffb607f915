import "server-only";

import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

import { env, outboxDir } from "@/lib/env";

/** A plain-text mail. */
export type Mail = { to: string; subject: string; text: string };
export type Delivery = { via: "smtp" } | { via: "outbox"; file: string };

const DEFAULT_FROM = "Platter <no-reply@localhost>";

let smtp: { url: string; transport: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) {
    // Short timeouts: mail is sent after the response (lib/auth/reset-actions.ts), but a server that never answers
    // should not hold a connection for nodemailer's default 2 minutes (10 for an idle socket).
    smtp = {
      url,
      transport: nodemailer.createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return smtp.transport;
}

/** A header value on one line: a CR or LF in it would start a header (or the body) of the sender's choosing. */
const headerValue = (value: string) => value.replace(/[\r\n]+/g, " ").trim();

/**
 * The message as an .eml file: plain text in 8bit, so that the link stays on one line and can be clicked in an
 * editor too (nodemailer would fold a long line with quoted-printable soft breaks).
 */
function asEml(from: string, mail: Mail): string {
  const headers = [
    `From: ${headerValue(from)}`,
    `To: ${headerValue(mail.to)}`,
    `Subject: ${headerValue(mail.subject)}`,
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${randomUUID()}@platter.outbox>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  return `${headers.join("\r\n")}\r\n\r\n${mail.text.replace(/\r?\n/g, "\r\n")}\r\n`;
}

/** `<timestamp>-<to>.eml`, with nothing from the address that could leave the folder or upset a file system. */
async function writeToOutbox(from: string, mail: Mail): Promise<string> {
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const to = mail.to.replace(/[^A-Za-z0-9@._+-]/g, "_").slice(0, 100);
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${stamp}-${to}${n > 1 ? `-${n}` : ""}.eml`);
    try {
      await writeFile(file, asEml(from, mail), { flag: "wx", mode: 0o600 });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || n >= 100) throw error;
    }
  }
}

/**
 * Sends a mail through SMTP_URL (nodemailer), or, with no SMTP server configured, writes it to the console and
 * to the outbox folder (PLATTER_OUTBOX_DIR, default .data/outbox) so that a developer can open its link. Without
 * SMTP_URL in production, whoever reads the log or the folder reads the mail: set SMTP_URL there (README).
 */
export async function sendMail(mail: Mail): Promise<Delivery> {
  const { SMTP_URL, MAIL_FROM } = env();
  const from = MAIL_FROM ?? DEFAULT_FROM;
  if (SMTP_URL) {
    await smtpTransport(SMTP_URL).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    return { via: "smtp" };
  }
  const file = await writeToOutbox(from, mail);
  console.info(
    `[mail] SMTP_URL is not set: this mail was not sent; it is in ${file}\n` +
      `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n[mail] end`,
  );
  return { via: "outbox", file };
}
