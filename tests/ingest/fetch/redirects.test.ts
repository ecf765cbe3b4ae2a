import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFeed } from "../../../src/ingest/fetch/index.js";
import { addRedirectChain, addRedirectLoop, redirectTo, sampleRss, startFeedServer } from "../../fakes/feed-server/index.js";
import type { FeedServer } from "../../fakes/feed-server/index.js";

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route("/final.xml", { body: sampleRss(), headers: { etag: '"final"' } });
});
afterAll(() => server.close());

describe("redirects", () => {
  it("follows a permanent chain and reports the new URL to store", async () => {
    const start = addRedirectChain(server, "/moved", [301, 308], "/final.xml");
    const result = await fetchFeed(server.url(start));
    expect(result).toMatchObject({
      status: "ok",
      finalUrl: server.url("/final.xml"),
      permanentRedirectTo: server.url("/final.xml"),
      etag: '"final"',
    });
  });

  it("does not report a new URL when any hop was temporary", async () => {
    const start = addRedirectChain(server, "/mixed", [301, 302, 308], "/final.xml");
    const result = await fetchFeed(server.url(start));
    expect(result).toMatchObject({ status: "ok", finalUrl: server.url("/final.xml"), permanentRedirectTo: null });
  });

  it.each([302, 303, 307] as const)("follows a single %i without calling it permanent", async (status) => {
    server.route(`/temp-${status}`, redirectTo(status, "/final.xml"));
    const result = await fetchFeed(server.url(`/temp-${status}`));
    expect(result).toMatchObject({ status: "ok", finalUrl: server.url("/final.xml"), permanentRedirectTo: null });
  });

  it("resends the validators after a redirect and reports the 304 with the moved URL", async () => {
    server.route("/cond-final", (req, res) => {
      res.writeHead(req.headers["if-none-match"] === '"e1"' ? 304 : 200).end();
    });
    server.route("/cond-start", redirectTo(301, "/cond-final"));
    const result = await fetchFeed(server.url("/cond-start"), { etag: '"e1"' });
    expect(result).toMatchObject({ status: "not-modified", permanentRedirectTo: server.url("/cond-final") });
  });

  it("follows five redirects", async () => {
    const start = addRedirectChain(server, "/five", [301, 301, 301, 301, 301], "/final.xml");
    const result = await fetchFeed(server.url(start));
    expect(result).toMatchObject({ status: "ok", permanentRedirectTo: server.url("/final.xml") });
  });

  it("gives up on the sixth", async () => {
    const start = addRedirectChain(server, "/six", [301, 302, 301, 302, 301, 302], "/final.xml");
    const result = await fetchFeed(server.url(start));
    expect(result).toEqual({ status: "error", kind: "too-many-redirects", message: "too many redirects: gave up after 5 redirects", httpStatus: 302 });
    // Six redirects answered, and the sixth Location never requested.
    expect(server.requests.filter((request) => request.path.startsWith("/six/"))).toHaveLength(6);
  });

  it("detects a loop as soon as a URL comes round again", async () => {
    addRedirectLoop(server, ["/loop-a", "/loop-b", "/loop-c"]);
    const result = await fetchFeed(server.url("/loop-a"));
    expect(result).toMatchObject({ status: "error", kind: "too-many-redirects" });
    if (result.status === "error") expect(result.message).toBe(`redirect loop after 3 redirects: ${server.url("/loop-a")} was already visited`);
  });

  it("detects a page that redirects to itself", async () => {
    addRedirectLoop(server, ["/self"], 301);
    const result = await fetchFeed(server.url("/self"));
    expect(result).toMatchObject({ status: "error", kind: "too-many-redirects" });
    if (result.status === "error") expect(result.message).toMatch(/^redirect loop after 1 redirect:/);
  });

  it("fails clearly on a redirect without a Location", async () => {
    server.route("/no-location", { status: 302 });
    const result = await fetchFeed(server.url("/no-location"));
    expect(result).toEqual({ status: "error", kind: "http", message: "HTTP 302 redirect without a Location header", httpStatus: 302 });
  });

  it("refuses a redirect to a non-http scheme", async () => {
    server.route("/to-file", redirectTo(301, "file:///etc/passwd"));
    const result = await fetchFeed(server.url("/to-file"));
    expect(result).toMatchObject({ status: "error", kind: "invalid-url" });
    if (result.status === "error") expect(result.message).toMatch(/redirected to a URL that cannot be fetched.*file:/);
  });

  it("resolves a relative Location against the current URL", async () => {
    server.route("/dir/start", redirectTo(302, "../final.xml?from=dir"));
    const result = await fetchFeed(server.url("/dir/start"));
    expect(result).toMatchObject({ status: "ok", finalUrl: server.url("/final.xml?from=dir") });
  });
});
