import type { Logger } from "../logger.js";
import type { Mail, Mailer } from "./mailer.js";

/**
 * Sends a mail whose content the caller also shows in its answer (an invitation or reset link):
 * true once the SMTP server took it; false without SMTP, or when the server refused or could not
 * be reached (logged), since the write it announces has committed and stands either way.
 */
export async function deliverAlsoShown(mailer: Mailer, logger: Logger, mail: Mail): Promise<boolean> {
  if (!mailer.enabled) return false;
  try {
    await mailer.send(mail);
    return true;
  } catch (error) {
    logger.warn({ err: error, subject: mail.subject }, "could not send an e-mail; its link is shown to whoever asked for it");
    return false;
  }
}
