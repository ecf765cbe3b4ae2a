import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFeed } from "../../../src/ingest/fetch/index.js";
import { hasZlibHeader } from "../../../src/ingest/fetch/deflate-decoder.js";
import { compressedFeed, gzipBomb, sampleRss, startFeedServer } from "../../fakes/feed-server/index.js";
import type { FeedServer, TestEncoding } from "../../fakes/feed-server/index.js";

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

// Long enough that every encoding really compresses it.
const feed = sampleRss("Compressed Courier", 40);

describe("decompression", () => {
  it.each<TestEncoding>(["gzip", "deflate", "deflate-raw", "br"])("decodes a %s body", async (encoding) => {
    server.route(`/${encoding}`, compressedFeed(feed, encoding));
    const result = await fetchFeed(server.url(`/${encoding}`));
    expect(result.status).toBe("ok");
    if (result.status === "ok") expect(Buffer.from(result.body).toString("utf8")).toBe(feed);
  });

  it("undoes stacked encodings last to first", async () => {
    server.route("/stacked", { body: gzipSync(gzipSync(feed)), headers: { "content-encoding": "gzip, gzip" } });
    const result = await fetchFeed(server.url("/stacked"));
    expect(result.status).toBe("ok");
    if (result.status === "ok") expect(Buffer.from(result.body).toString("utf8")).toBe(feed);
  });

  it("applies the size cap to the decompressed bytes, so a gzip bomb aborts", async () => {
    server.route("/bomb", gzipBomb(50 * 1024 * 1024));
    const started = performance.now();
    const result = await fetchFeed(server.url("/bomb"), { maxBytes: 1024 * 1024 });
    expect(result).toEqual({ status: "error", kind: "too-large", message: "response larger than 1 MB after decompression: download aborted" });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("reports a corrupt gzip body as a network error", async () => {
    server.route("/corrupt", { body: Buffer.from("definitely not gzip"), headers: { "content-encoding": "gzip" } });
    const result = await fetchFeed(server.url("/corrupt"));
    expect(result).toMatchObject({ status: "error", kind: "network" });
    if (result.status === "error") expect(result.message).toMatch(/could not be decompressed/);
  });

  it("reports a truncated gzip body as a network error", async () => {
    const whole = gzipSync(feed);
    server.route("/truncated", { body: whole.subarray(0, whole.length - 20), headers: { "content-encoding": "gzip" } });
    const result = await fetchFeed(server.url("/truncated"));
    expect(result).toMatchObject({ status: "error", kind: "network" });
  });

  it("refuses an encoding it did not ask for", async () => {
    server.route("/zstd", { body: "??", headers: { "content-encoding": "zstd" } });
    const result = await fetchFeed(server.url("/zstd"));
    expect(result).toMatchObject({ status: "error", kind: "http", httpStatus: 200 });
    if (result.status === "error") expect(result.message).toMatch(/unsupported Content-Encoding: zstd/);
  });
});

describe("hasZlibHeader", () => {
  it("tells zlib-wrapped deflate from raw deflate", () => {
    expect(hasZlibHeader(new Uint8Array([0x78, 0x9c]))).toBe(true);
    expect(hasZlibHeader(new Uint8Array([0x78, 0x01]))).toBe(true);
    expect(hasZlibHeader(new Uint8Array([0x78, 0xda]))).toBe(true);
    expect(hasZlibHeader(new Uint8Array([0xcb, 0x48]))).toBe(false);
    expect(hasZlibHeader(new Uint8Array([0x78, 0x00]))).toBe(false);
  });
});
