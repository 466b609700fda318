import { once } from "node:events";
import { simpleParser } from "mailparser";
import type { Attachment } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./processes.js";

/** One message as the SMTP server received it, parsed (mailparser): MIME parts, encodings, headers. */
export interface CaughtMail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly attachments: Attachment[];
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  readonly url: string;
  /** Every message received so far, in order. */
  readonly mails: CaughtMail[];
  /** The next message to arrive (for `to`, when given). */
  next(to?: string): Promise<CaughtMail>;
  close(): Promise<void>;
}

/** A real SMTP server on a free port that takes every message as it comes (no TLS, no login). */
export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const waiting: { to?: string; resolve: (mail: CaughtMail) => void }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const mail: CaughtMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            attachments: parsed.attachments,
          };
          mails.push(mail);
          for (const w of waiting.splice(0)) {
            if (!w.to || mail.to.includes(w.to)) w.resolve(mail);
            else waiting.push(w);
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const port = await freePort();
  smtp.listen(port, "127.0.0.1");
  await once(smtp.server, "listening");
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    next: (to) => new Promise((resolve) => waiting.push({ to, resolve })),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
