import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_USER_AGENT, fetchFeed } from "../../../src/ingest/fetch/index.js";
import { sampleRss, startFeedServer } from "../../fakes/feed-server/index.js";
import type { FeedServer } from "../../fakes/feed-server/index.js";

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const feed = sampleRss();
const feedHash = createHash("sha256").update(feed).digest("hex");

describe("fetchFeed on a plain 200", () => {
  it("returns the body and everything the caller stores for the next poll", async () => {
    server.route("/feed.xml", {
      body: feed,
      headers: {
        "content-type": "application/rss+xml; charset=utf-8",
        etag: '"v1"',
        "last-modified": "Mon, 01 Jan 2024 08:00:00 GMT",
        "cache-control": "public, max-age=300",
      },
    });
    const result = await fetchFeed(server.url("/feed.xml"));
    expect(result).toMatchObject({
      status: "ok",
      contentType: "application/rss+xml; charset=utf-8",
      etag: '"v1"',
      lastModified: "Mon, 01 Jan 2024 08:00:00 GMT",
      cacheControlMaxAgeSeconds: 300,
      finalUrl: server.url("/feed.xml"),
      permanentRedirectTo: null,
      httpStatus: 200,
      bodyHash: feedHash,
    });
    if (result.status !== "ok") return;
    expect(Buffer.from(result.body).toString("utf8")).toBe(feed);
  });

  it("reports null for validators and cache hints the server did not send", async () => {
    server.route("/bare.xml", { body: feed });
    const result = await fetchFeed(server.url("/bare.xml"));
    expect(result).toMatchObject({ status: "ok", contentType: null, etag: null, lastModified: null, cacheControlMaxAgeSeconds: null });
  });

  it("says 'unchanged' when the body hashes to previousBodyHash", async () => {
    server.route("/same.xml", { body: feed });
    const result = await fetchFeed(server.url("/same.xml"), { previousBodyHash: feedHash });
    expect(result).toMatchObject({ status: "unchanged", bodyHash: feedHash, httpStatus: 200 });
  });

  it("reads an empty 2xx body as an empty, successful result", async () => {
    server.route("/empty", { status: 204 });
    const result = await fetchFeed(server.url("/empty"));
    expect(result).toMatchObject({ status: "ok", httpStatus: 204 });
    if (result.status === "ok") expect(result.body).toHaveLength(0);
  });
});

describe("the request fetchFeed sends", () => {
  it("names the project by default and asks for compressed feeds", async () => {
    server.route("/ua", { body: feed });
    await fetchFeed(server.url("/ua?x=1"));
    const sent = server.requests.findLast((request) => request.path === "/ua?x=1");
    expect(sent?.method).toBe("GET");
    expect(sent?.headers["user-agent"]).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toBe("newsflash/0.1 (+https://github.com/newsflash; feed fetcher)");
    expect(sent?.headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(sent?.headers["accept"]).toContain("application/rss+xml");
    expect(sent?.headers["if-none-match"]).toBeUndefined();
    expect(sent?.headers["if-modified-since"]).toBeUndefined();
  });

  it("lets the caller override the User-Agent", async () => {
    server.route("/ua-custom", { body: feed });
    await fetchFeed(server.url("/ua-custom"), { userAgent: "newsflash-test/1" });
    expect(server.requests.findLast((request) => request.path === "/ua-custom")?.headers["user-agent"]).toBe("newsflash-test/1");
  });
});

describe("URLs fetchFeed refuses", () => {
  it.each([
    ["not a url", /not a valid URL/],
    ["file:///etc/passwd", /only http and https URLs.*file:/],
    ["ftp://example.org/feed.xml", /only http and https URLs.*ftp:/],
    ["data:text/plain,hello", /only http and https URLs.*data:/],
    ["javascript:alert(1)", /only http and https URLs/],
  ])("%s", async (url, message) => {
    const result = await fetchFeed(url);
    expect(result).toMatchObject({ status: "error", kind: "invalid-url" });
    if (result.status === "error") expect(result.message).toMatch(message);
  });
});
