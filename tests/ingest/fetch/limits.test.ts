import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFeed } from "../../../src/ingest/fetch/index.js";
import { dripFeed, hugeBody, sampleRss, slowResponse, startFeedServer, startSilentServer } from "../../fakes/feed-server/index.js";
import type { FeedServer, SilentServer } from "../../fakes/feed-server/index.js";

const MB = 1024 * 1024;

let server: FeedServer;
let silent: SilentServer;
beforeAll(async () => {
  server = await startFeedServer();
  silent = await startSilentServer();
});
afterAll(async () => {
  await server.close();
  await silent.close();
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe("timeouts", () => {
  it("hits the total timeout when the headers never come", async () => {
    server.route("/slow", slowResponse(10_000));
    const { result, ms } = await timed(() => fetchFeed(server.url("/slow"), { totalTimeoutMs: 500 }));
    expect(result).toEqual({ status: "error", kind: "timeout", message: "total timeout after 0.5 s: download aborted" });
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(2000);
  });

  it("hits the total timeout on a server that drips a byte a second", async () => {
    server.route("/drip", dripFeed(sampleRss(), 1));
    const { result, ms } = await timed(() => fetchFeed(server.url("/drip"), { totalTimeoutMs: 1500 }));
    expect(result).toEqual({ status: "error", kind: "timeout", message: "total timeout after 1.5 s: download aborted" });
    expect(ms).toBeLessThan(3000);
    // The server saw the client go away.
    await expect.poll(() => server.inFlight).toBe(0);
  });

  it("counts redirects inside the total timeout", async () => {
    server.route("/slow-target", slowResponse(10_000));
    server.route("/to-slow", { status: 302, headers: { location: "/slow-target" } });
    const { result, ms } = await timed(() => fetchFeed(server.url("/to-slow"), { totalTimeoutMs: 400 }));
    expect(result).toMatchObject({ status: "error", kind: "timeout" });
    expect(ms).toBeLessThan(2000);
  });

  it("hits the connect timeout when the TLS handshake never finishes", async () => {
    const { result, ms } = await timed(() =>
      fetchFeed(silent.url("https", "/feed.xml"), { connectTimeoutMs: 300, totalTimeoutMs: 5000 }),
    );
    expect(result).toEqual({ status: "error", kind: "timeout", message: "connect timeout after 0.3 s" });
    expect(ms).toBeLessThan(2000);
  });

  it("hits the total timeout when a connected server never answers", async () => {
    const { result, ms } = await timed(() =>
      fetchFeed(silent.url("http", "/feed.xml"), { connectTimeoutMs: 300, totalTimeoutMs: 600 }),
    );
    expect(result).toMatchObject({ status: "error", kind: "timeout", message: "total timeout after 0.6 s: download aborted" });
    expect(ms).toBeLessThan(2000);
  });

  it("stops when the caller's signal fires", async () => {
    server.route("/slow-abort", slowResponse(10_000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { result, ms } = await timed(() => fetchFeed(server.url("/slow-abort"), { signal: controller.signal }));
    expect(result).toMatchObject({ status: "error", kind: "aborted" });
    expect(ms).toBeLessThan(2000);
  });

  it("does not start when the caller's signal has already fired", async () => {
    const before = server.requests.length;
    const result = await fetchFeed(server.url("/slow-abort"), { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ status: "error", kind: "aborted" });
    expect(server.requests.length).toBe(before);
  });
});

describe("size cap", () => {
  it("refuses a body whose Content-Length is over the cap without reading it", async () => {
    server.route("/huge-announced", hugeBody({ bytes: 50 * MB }));
    const { result, ms } = await timed(() => fetchFeed(server.url("/huge-announced"), { totalTimeoutMs: 5000 }));
    expect(result).toEqual({ status: "error", kind: "too-large", message: "response larger than 5 MB: download aborted" });
    expect(ms).toBeLessThan(2000);
    await expect.poll(() => server.requests.findLast((r) => r.path === "/huge-announced")?.bytesSent ?? 0).toBeGreaterThan(0);
    await expect.poll(() => server.inFlight).toBe(0);
    expect(server.requests.findLast((r) => r.path === "/huge-announced")?.bytesSent).toBeLessThan(10 * MB);
  });

  it("aborts a chunked 50 MB body as soon as it passes the cap", async () => {
    server.route("/huge-chunked", hugeBody({ bytes: 50 * MB, announceLength: false }));
    const { result, ms } = await timed(() => fetchFeed(server.url("/huge-chunked"), { totalTimeoutMs: 10_000 }));
    expect(result).toEqual({ status: "error", kind: "too-large", message: "response larger than 5 MB: download aborted" });
    expect(ms).toBeLessThan(5000);
    await expect.poll(() => server.inFlight).toBe(0);
    // Socket buffers let a little more out of the server than the client read, never the whole body.
    expect(server.requests.findLast((r) => r.path === "/huge-chunked")?.bytesSent).toBeLessThan(15 * MB);
  });

  it("accepts a body exactly at the cap", async () => {
    server.route("/at-cap", { body: Buffer.alloc(1000, "a") });
    const result = await fetchFeed(server.url("/at-cap"), { maxBytes: 1000 });
    expect(result.status).toBe("ok");
  });

  it("names a small cap in KB", async () => {
    server.route("/over-small-cap", { body: Buffer.alloc(3000, "a"), chunked: true });
    const result = await fetchFeed(server.url("/over-small-cap"), { maxBytes: 2048 });
    expect(result).toEqual({ status: "error", kind: "too-large", message: "response larger than 2 KB: download aborted" });
  });
});
