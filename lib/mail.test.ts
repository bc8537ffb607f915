import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

/** One message as a tiny SMTP server received it. */
type Received = { from: string; to: string[]; data: string };

/** Just enough SMTP (RFC 5321) for nodemailer to hand over a message, without a network or a real server. */
async function fakeSmtpServer(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((socket) => {
    let buffer = "";
    let message: Received = { from: "", to: [], data: "" };
    let inData = false;
    socket.write("220 fake.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          message.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          received.push(message);
          message = { from: "", to: [], data: "" };
          inData = false;
          socket.write("250 2.0.0 queued\r\n");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "MAIL") message.from = line;
        if (verb === "RCPT") message.to.push(line);
        if (verb === "DATA") inData = true;
        const replies: Record<string, string> = {
          EHLO: "250 fake.test",
          HELO: "250 fake.test",
          DATA: "354 go ahead",
          QUIT: "221 bye",
        };
        if (verb === "QUIT") socket.end(`${replies.QUIT}\r\n`);
        else socket.write(`${replies[verb] ?? "250 ok"}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, server };
}

async function mailModule(env: Record<string, string>) {
  vi.resetModules();
  for (const name of ["SMTP_URL", "MAIL_FROM", "PLATTER_OUTBOX_DIR"]) vi.stubEnv(name, env[name] ?? "");
  return import("./mail");
}

const mail = {
  to: "ana@example.test",
  subject: "Reset your Platter password",
  text: `Open this link:\n\nhttp://127.0.0.1:3000/reset-password?token=${"A".repeat(43)}\n\nPlatter`,
};

describe("sending mail", () => {
  const outbox = mkdtempSync(path.join(tmpdir(), "platter-mail-"));
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => rmSync(outbox, { recursive: true, force: true }));

  it("goes through SMTP_URL with nodemailer when it is set, from MAIL_FROM, and writes no file", async () => {
    const smtp = await fakeSmtpServer();
    try {
      const dir = path.join(outbox, "unused");
      const { sendMail } = await mailModule({
        SMTP_URL: smtp.url,
        MAIL_FROM: "Platter <no-reply@platter.example>",
        PLATTER_OUTBOX_DIR: dir,
      });
      expect(await sendMail(mail)).toEqual({ via: "smtp" });
      expect(smtp.received).toHaveLength(1);
      const [sent] = smtp.received;
      expect(sent!.from).toBe("MAIL FROM:<no-reply@platter.example>");
      expect(sent!.to).toEqual(["RCPT TO:<ana@example.test>"]);
      expect(sent!.data).toContain("Subject: Reset your Platter password");
      // Quoted-printable may fold the long link: unfold it to read it as a mail client would.
      expect(sent!.data.replace(/=\r\n/g, "").replace(/=3D/g, "=")).toContain(
        `http://127.0.0.1:3000/reset-password?token=${"A".repeat(43)}`,
      );
      expect(() => readdirSync(dir)).toThrow();
    } finally {
      smtp.server.close();
    }
  });

  it("without SMTP_URL, writes <timestamp>-<to>.eml (readable only by its owner) and prints it", async () => {
    const log = vi.spyOn(console, "info").mockImplementation(() => {});
    const { sendMail } = await mailModule({ PLATTER_OUTBOX_DIR: outbox });
    const first = await sendMail(mail);
    const second = await sendMail(mail);
    expect(first).toMatchObject({ via: "outbox" });
    const files = [first, second].map((d) => (d as { file: string }).file);
    expect(new Set(files).size).toBe(2);
    for (const file of files) {
      expect(path.basename(file)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-ana@example\.test(-\d+)?\.eml$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    const eml = readFileSync(files[0]!, "utf8");
    expect(eml).toMatch(/^From: Platter <no-reply@localhost>\r\nTo: ana@example\.test\r\nSubject: Reset your/);
    expect(eml).toContain(
      `\r\n\r\nOpen this link:\r\n\r\nhttp://127.0.0.1:3000/reset-password?token=${"A".repeat(43)}\r\n`,
    );
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`reset-password?token=${"A".repeat(43)}`));
    log.mockRestore();
  });

  it("keeps header values on one line and file names inside the outbox", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const { sendMail } = await mailModule({ PLATTER_OUTBOX_DIR: outbox });
    const delivery = await sendMail({ ...mail, to: "../../x@example.test\r\nBcc: all@example.test" });
    const file = (delivery as { file: string }).file;
    expect(path.dirname(file)).toBe(outbox);
    const headers = readFileSync(file, "utf8").split("\r\n\r\n")[0]!;
    expect(headers.split("\r\n").filter((line) => line.startsWith("Bcc"))).toEqual([]);
    expect(headers).toContain("To: ../../x@example.test Bcc: all@example.test");
  });
});
