import { createTransport } from "nodemailer";
import type { Config } from "../config.js";

/** One e-mail cosell sends: notification digests, invitations, password resets, meeting invitations. */
export interface Mail {
  readonly to: string | readonly string[];
  readonly subject: string;
  readonly text: string;
  /** An iCalendar part (`text/calendar; method=…`), shown by mail clients as an invitation to accept. */
  readonly icalEvent?: { readonly method: "REQUEST" | "CANCEL" | "PUBLISH"; readonly filename: string; readonly content: string };
  readonly attachments?: readonly { readonly filename: string; readonly content: Buffer | string; readonly contentType: string }[];
}

/**
 * Where cosell's e-mail goes. Without `SMTP_URL` nothing is sent (`enabled` is false and `send`
 * resolves at once): what an e-mail would carry, an invitation link say, is then shown to whoever
 * asked for it, and is shown to them anyway.
 */
export interface Mailer {
  readonly enabled: boolean;
  /** Hands the mail to the SMTP server; rejects when the server would not take it. */
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** The mailer for `SMTP_URL` (nodemailer: pooled connection, STARTTLS when offered), or none. */
export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom">): Mailer {
  if (!config.smtpUrl) return { enabled: false, send: async () => {}, close: () => {} };
  const transport = createTransport(config.smtpUrl);
  return {
    enabled: true,
    send: async (mail) =>
      void (await transport.sendMail({
        from: config.mailFrom,
        ...mail,
        to: typeof mail.to === "string" ? mail.to : [...mail.to],
        attachments: mail.attachments?.map((a) => ({ ...a })),
      })),
    close: () => transport.close(),
  };
}
