import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFeed } from "../../../src/ingest/fetch/index.js";
import { conditionalFeed, sampleRss, startFeedServer } from "../../fakes/feed-server/index.js";
import type { FeedServer } from "../../fakes/feed-server/index.js";

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route("/feed.xml", conditionalFeed({ body: sampleRss(), etag: '"abc"', lastModified: "Tue, 02 Jan 2024 10:00:00 GMT" }));
  server.route("/dated.xml", conditionalFeed({ body: sampleRss(), lastModified: "Tue, 02 Jan 2024 10:00:00 GMT" }));
});
afterAll(() => server.close());

describe("conditional GET", () => {
  it("sends no validators on the first fetch and stores the ones it gets", async () => {
    const result = await fetchFeed(server.url("/feed.xml"));
    expect(result).toMatchObject({ status: "ok", etag: '"abc"', lastModified: "Tue, 02 Jan 2024 10:00:00 GMT" });
  });

  it("sends If-None-Match and reports 304 as not-modified", async () => {
    const result = await fetchFeed(server.url("/feed.xml"), { etag: '"abc"' });
    expect(result).toMatchObject({ status: "not-modified", httpStatus: 304, etag: '"abc"' });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"abc"');
  });

  it("sends If-Modified-Since and reports 304 as not-modified", async () => {
    const result = await fetchFeed(server.url("/dated.xml"), { lastModified: "Tue, 02 Jan 2024 10:00:00 GMT" });
    expect(result).toMatchObject({ status: "not-modified", lastModified: "Tue, 02 Jan 2024 10:00:00 GMT" });
    expect(server.requests.at(-1)?.headers["if-modified-since"]).toBe("Tue, 02 Jan 2024 10:00:00 GMT");
  });

  it("keeps the validators it sent when a 304 does not repeat them", async () => {
    server.route("/bare-304", { status: 304 });
    const result = await fetchFeed(server.url("/bare-304"), { etag: '"old"', lastModified: "Mon, 01 Jan 2024 00:00:00 GMT" });
    expect(result).toMatchObject({ status: "not-modified", etag: '"old"', lastModified: "Mon, 01 Jan 2024 00:00:00 GMT" });
  });

  it("gets the full body again once the ETag has changed", async () => {
    const result = await fetchFeed(server.url("/feed.xml"), { etag: '"stale"' });
    expect(result).toMatchObject({ status: "ok", etag: '"abc"' });
  });
});
