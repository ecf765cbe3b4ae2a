import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFeed } from "../../../src/ingest/fetch/index.js";
import { connectionReset, httpStatus, serviceUnavailable, startFeedServer, tooManyRequests } from "../../fakes/feed-server/index.js";
import type { FeedServer } from "../../fakes/feed-server/index.js";

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

describe("HTTP errors", () => {
  it("reports a 500 with its standard reason", async () => {
    server.route("/500", httpStatus(500));
    const result = await fetchFeed(server.url("/500"));
    expect(result).toEqual({ status: "error", kind: "http", message: "HTTP 500 Internal Server Error", httpStatus: 500 });
  });

  it("reports a 404", async () => {
    const result = await fetchFeed(server.url("/nowhere"));
    expect(result).toEqual({ status: "error", kind: "http", message: "HTTP 404 Not Found", httpStatus: 404 });
  });

  it("reads Retry-After seconds on a 503", async () => {
    server.route("/503", serviceUnavailable(120));
    const result = await fetchFeed(server.url("/503"));
    expect(result).toEqual({
      status: "error",
      kind: "http",
      message: "HTTP 503 Service Unavailable (retry after 120 s)",
      httpStatus: 503,
      retryAfterSeconds: 120,
    });
  });

  it("reads a Retry-After date on a 429", async () => {
    const inTenMinutes = new Date(Date.now() + 600_000).toUTCString();
    server.route("/429", tooManyRequests(inTenMinutes));
    const result = await fetchFeed(server.url("/429"));
    expect(result).toMatchObject({ status: "error", kind: "http", httpStatus: 429 });
    if (result.status !== "error") return;
    expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(595);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(601);
  });

  it("leaves retryAfterSeconds out when the header is unreadable", async () => {
    server.route("/503-bad", serviceUnavailable("soon"));
    const result = await fetchFeed(server.url("/503-bad"));
    expect(result).toEqual({ status: "error", kind: "http", message: "HTTP 503 Service Unavailable", httpStatus: 503 });
  });

  it("shows the standard reason phrase, not the server's own", async () => {
    server.route("/teapot-ish", (_req, res) => {
      res.writeHead(500, "<script>alert(1)</script>").end();
    });
    const result = await fetchFeed(server.url("/teapot-ish"));
    expect(result).toMatchObject({ message: "HTTP 500 Internal Server Error" });
  });
});

describe("network errors", () => {
  it("reports a connection reset before any response", async () => {
    server.route("/reset", connectionReset());
    const result = await fetchFeed(server.url("/reset"), { totalTimeoutMs: 3000 });
    expect(result).toMatchObject({ status: "error", kind: "network" });
    if (result.status === "error") expect(result.message).toMatch(/reset|closed/);
  });

  it("reports a connection reset in the middle of the body", async () => {
    server.route("/reset-mid", connectionReset({ afterBodyBytes: 1000 }));
    const result = await fetchFeed(server.url("/reset-mid"), { totalTimeoutMs: 3000 });
    expect(result).toMatchObject({ status: "error", kind: "network" });
  });

  it("reports a closed port as connection refused", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await fetchFeed(`http://127.0.0.1:${port}/feed.xml`);
    expect(result).toEqual({ status: "error", kind: "network", message: "connection refused (ECONNREFUSED)" });
  });

  it("reports a body shorter than its Content-Length", async () => {
    server.route("/short", (req, res) => {
      res.writeHead(200, { "content-length": "500" });
      res.write("only a little");
      setTimeout(() => req.socket.destroy(), 50);
    });
    const result = await fetchFeed(server.url("/short"), { totalTimeoutMs: 3000 });
    expect(result).toMatchObject({ status: "error", kind: "network" });
  });

  it("reports a reply that is not HTTP", async () => {
    server.route("/garbage", (req) => {
      req.socket.end("SSH-2.0-OpenSSH_9.6\r\n");
    });
    const result = await fetchFeed(server.url("/garbage"), { totalTimeoutMs: 3000 });
    expect(result).toMatchObject({ status: "error", kind: "network" });
  });
});
