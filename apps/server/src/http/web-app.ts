import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

/**
 * The built web app (apps/web/dist) from memory: each file read once, its ETag computed once, and
 * text files (JS, CSS, HTML, SVG, JSON) compressed once, with brotli and gzip, so every later
 * request costs a lookup and a write. Vite names what it emits under `/assets/` by content hash:
 * those are cached by browsers for a year (`immutable`); `index.html` is revalidated on every load
 * (`no-cache`, answered 304 by ETag) so a deploy takes effect at once. Source maps are never served.
 */

/** Cache-Control of hashed build output: the name changes whenever the content does. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Cache-Control of the entry page: always revalidated. */
export const REVALIDATE = "no-cache";
/** Cache-Control of other files (favicon and the like), as before: an hour. */
const SHORT = "public, max-age=3600";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".txt", ".xml"]);
/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = "br" | "gzip";

interface StaticFile {
  readonly type: string;
  readonly cacheControl: string;
  readonly etag: string;
  readonly identity: Buffer;
  /** Compressed forms, when worth having. */
  readonly encoded: Partial<Record<Encoding, Buffer>>;
}

/** Paths the web app's client-side routes may not take: they belong to the API. */
const API_PATH = /^\/(?:graphql|healthz|readyz|export\/)/;

export interface WebApp {
  /** Answers a GET or HEAD for a file of the app, or the entry page for a client-side route; false when it has neither. */
  serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

export function webApp(dir: string): WebApp {
  const files = new Map<string, Promise<StaticFile | null>>();

  const load = (relative: string): Promise<StaticFile | null> => {
    let file = files.get(relative);
    if (!file) {
      file = loadFile(dir, relative);
      files.set(relative, file);
      // A file that is not there may appear with the next build; only found files stay cached.
      void file.then((found) => found ?? files.delete(relative));
    }
    return file;
  };

  return {
    async serve(req, res, path) {
      const relative = safeRelative(path);
      // Refused (dot files, source maps, escapes): not found, not the entry page.
      if (relative === null) return false;
      let file = await load(relative === "" ? "index.html" : relative);
      // Client-side routes get the entry page; a missing build file stays missing (not HTML under a .js name).
      if (!file && !API_PATH.test(path) && !relative.startsWith("assets/")) file = await load("index.html");
      if (!file) return false;
      send(req, res, file);
      return true;
    },
  };
}

/** A path inside the app's folder, without dot files or source maps; "" for the root; null when refused. */
function safeRelative(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const relative = normalize(decoded).replace(/^[/\\]+/, "");
  if (relative.split(/[/\\]/).some((part) => part.startsWith(".")) || relative.endsWith(".map")) return null;
  return relative;
}

async function loadFile(dir: string, relative: string): Promise<StaticFile | null> {
  const full = join(dir, relative);
  if (!full.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
  } catch {
    return null;
  }
  const identity = await readFile(full);
  const extension = extname(relative).toLowerCase();
  const encoded: Partial<Record<Encoding, Buffer>> = {};
  if (COMPRESSIBLE.has(extension) && identity.length >= MIN_COMPRESS_BYTES) {
    const [br, gz] = await Promise.all([
      brotli(identity, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length },
      }),
      gzipAsync(identity, { level: zlib.Z_BEST_COMPRESSION }),
    ]);
    if (br.length < identity.length) encoded.br = br;
    if (gz.length < identity.length) encoded.gzip = gz;
  }
  return {
    type: TYPES[extension] ?? "application/octet-stream",
    cacheControl: relative.startsWith("assets/") ? IMMUTABLE : extension === ".html" ? REVALIDATE : SHORT,
    etag: `"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
    identity,
    encoded,
  };
}

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  const compressible = Object.keys(file.encoded).length > 0;
  res.setHeader("content-type", file.type);
  res.setHeader("cache-control", file.cacheControl);
  res.setHeader("etag", file.etag);
  if (compressible) res.setHeader("vary", "Accept-Encoding");
  if (req.headers["if-none-match"]?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === file.etag)) {
    res.writeHead(304).end();
    return;
  }
  const encoding = compressible ? preferredEncoding(req.headers["accept-encoding"], file.encoded) : null;
  const body = encoding ? file.encoded[encoding]! : file.identity;
  if (encoding) res.setHeader("content-encoding", encoding);
  res.setHeader("content-length", body.length);
  res.writeHead(200);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** brotli when the client takes it, else gzip, else none (`q=0` refuses a coding). */
export function preferredEncoding(header: string | undefined, available: Partial<Record<Encoding, Buffer>>): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const takes = (coding: Encoding) => (accepted.get(coding) ?? accepted.get("*") ?? 0) > 0;
  if (available.br && takes("br")) return "br";
  if (available.gzip && takes("gzip")) return "gzip";
  return null;
}
