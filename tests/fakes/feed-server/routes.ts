import type { ServerResponse } from "node:http";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import type { FeedServer, RouteHandler } from "./feed-server.js";
import type { RouteSpec } from "./send-route-spec.js";

/*
 * Ready-made answers for the cases a fetcher gets wrong. Each returns a RouteSpec or a
 * RouteHandler to pass to `server.route(path, …)`; the redirect helpers register their own routes.
 */

const RSS = "application/rss+xml; charset=utf-8";

/** 200 with the body and validators; 304 when If-None-Match or If-Modified-Since matches them. */
export function conditionalFeed(options: { body: string; etag?: string; lastModified?: string; contentType?: string }): RouteHandler {
  return (req, res) => {
    const validators: Record<string, string> = {};
    if (options.etag) validators["etag"] = options.etag;
    if (options.lastModified) validators["last-modified"] = options.lastModified;
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    // RFC 9110 §13.2.2: If-None-Match, when sent, decides alone.
    const fresh = ifNoneMatch !== undefined
      ? options.etag !== undefined && ifNoneMatch.split(",").some((tag) => tag.trim() === options.etag)
      : ifModifiedSince !== undefined && options.lastModified !== undefined && Date.parse(ifModifiedSince) >= Date.parse(options.lastModified);
    if (fresh) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(200, { "content-type": options.contentType ?? RSS, ...validators }).end(options.body);
  };
}

export type TestEncoding = "gzip" | "deflate" | "deflate-raw" | "br";

/** The body compressed; "deflate-raw" is sent as `Content-Encoding: deflate` without the zlib wrapper, as some servers do. */
export function compressedFeed(body: string, encoding: TestEncoding): RouteSpec {
  const compressed = compress(Buffer.from(body), encoding);
  const header = encoding === "deflate-raw" ? "deflate" : encoding;
  return { body: compressed, headers: { "content-type": RSS, "content-encoding": header } };
}

/** Headers only after `delayMs`. */
export function slowResponse(delayMs: number, body = "<rss/>"): RouteSpec {
  return { delayMs, body, headers: { "content-type": RSS } };
}

/** Headers at once, then the body at `bytesPerSecond` (1 ⇒ a byte a second). */
export function dripFeed(body: string, bytesPerSecond: number): RouteSpec {
  return { body, dripBytesPerSecond: bytesPerSecond, headers: { "content-type": RSS } };
}

/**
 * `bytes` of filler, generated as it is sent (never held in memory) and paced by the socket.
 * `announceLength: false` sends it chunked, so only counting can catch it.
 */
export function hugeBody(options: { bytes: number; announceLength?: boolean }): RouteHandler {
  const chunk = Buffer.alloc(64 * 1024, "<item>filler</item>\n");
  return async (_req, res, closed) => {
    const headers: Record<string, string> = { "content-type": RSS };
    if (options.announceLength !== false) headers["content-length"] = String(options.bytes);
    res.writeHead(200, headers);
    let sent = 0;
    while (sent < options.bytes && !closed.aborted) {
      const piece = chunk.subarray(0, Math.min(chunk.length, options.bytes - sent));
      sent += piece.length;
      if (!res.write(piece)) await drainedOrClosed(res, closed);
    }
    if (!closed.aborted) res.end();
  };
}

/** A small gzip body that inflates to `decompressedBytes` of zeros; compressed once, then cached. */
export function gzipBomb(decompressedBytes: number): RouteSpec {
  let compressed = bombs.get(decompressedBytes);
  if (!compressed) {
    compressed = gzipSync(Buffer.alloc(decompressedBytes), { level: 9 });
    bombs.set(decompressedBytes, compressed);
  }
  return { body: compressed, headers: { "content-type": RSS, "content-encoding": "gzip" } };
}
const bombs = new Map<number, Buffer>();

export function redirectTo(status: 301 | 302 | 303 | 307 | 308, location: string): RouteSpec {
  return { status, headers: { location }, body: `moved to ${location}` };
}

/**
 * Registers `${prefix}/0` → `${prefix}/1` → … → `target`, hop i answering with `statuses[i]`.
 * Returns the first path.
 */
export function addRedirectChain(server: FeedServer, prefix: string, statuses: ReadonlyArray<301 | 302 | 303 | 307 | 308>, target: string): string {
  statuses.forEach((status, hop) => {
    const next = hop === statuses.length - 1 ? target : `${prefix}/${hop + 1}`;
    server.route(`${prefix}/${hop}`, redirectTo(status, next));
  });
  return `${prefix}/0`;
}

/** Registers paths that redirect to each other in a circle (one path redirects to itself). */
export function addRedirectLoop(server: FeedServer, paths: readonly string[], status: 301 | 302 | 307 | 308 = 302): void {
  paths.forEach((path, index) => server.route(path, redirectTo(status, paths[(index + 1) % paths.length] as string)));
}

export function httpStatus(status: number, headers: Record<string, string> = {}): RouteSpec {
  return { status, headers: { "content-type": "text/html", ...headers }, body: `<h1>${status}</h1>` };
}

/** `retryAfter`: seconds, or an HTTP-date string. */
export function serviceUnavailable(retryAfter: number | string): RouteSpec {
  return httpStatus(503, { "retry-after": String(retryAfter) });
}

export function tooManyRequests(retryAfter: number | string): RouteSpec {
  return httpStatus(429, { "retry-after": String(retryAfter) });
}

/**
 * Resets the connection (TCP RST): before any response, or after sending the headers and
 * `afterBodyBytes` of a longer body.
 */
export function connectionReset(options: { afterBodyBytes?: number } = {}): RouteHandler {
  return async (req, res) => {
    if (options.afterBodyBytes !== undefined) {
      const declared = options.afterBodyBytes * 2 + 100;
      res.writeHead(200, { "content-type": RSS, "content-length": String(declared) });
      res.write(Buffer.alloc(options.afterBodyBytes, "x"));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    req.socket.resetAndDestroy();
  };
}

function compress(body: Buffer, encoding: TestEncoding): Buffer {
  switch (encoding) {
    case "gzip":
      return gzipSync(body);
    case "deflate":
      return deflateSync(body);
    case "deflate-raw":
      return deflateRawSync(body);
    case "br":
      return brotliCompressSync(body);
  }
}

function drainedOrClosed(res: ServerResponse, closed: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      closed.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    closed.addEventListener("abort", done, { once: true });
  });
}

