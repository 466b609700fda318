import { readFileSync } from "node:fs";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { createLogger } from "./logger.js";
import { publishCodeOfConduct } from "./modules/partnership/partnership.service.js";

/**
 * Publishes a new version of the partner code of conduct, a platform step that no firm can take
 * through the API: `pnpm --filter @cosell/server publish-code-of-conduct <file>` with the same
 * DATABASE_URL (or, embedded, COSELL_DATA_DIR with the server stopped) as the server. The file's
 * first line is the title; the rest, one clause a paragraph with its heading first ("Sharing
 * leads. …"), is the text. Signatures from then on must accept the new version.
 */
const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: publish-code-of-conduct <file>  (first line: the title; then the clauses, a blank line apart)");
  process.exit(2);
}
const [title = "", ...rest] = readFileSync(file, "utf8").split("\n");
const text = rest.join("\n").trim();
if (!title.trim() || !text) {
  console.error(`${file}: needs a title on its first line and the text after it`);
  process.exit(2);
}
try {
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await openDatabase(config, logger);
  try {
    const code = await database.dataSource.transaction((em) =>
      publishCodeOfConduct(em, { title: title.replace(/^#\s*/, "").trim(), text }),
    );
    logger.info({ version: code.version }, "published the code of conduct");
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
