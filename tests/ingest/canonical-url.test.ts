import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../src/ingest/canonical-url.js";

describe("canonicalUrl", () => {
  it("lower-cases scheme and host, drops the default port and fragment", () => {
    expect(canonicalUrl("HTTPS://News.Example.COM:443/World/Story?id=7#comments")).toBe("https://news.example.com/World/Story?id=7");
    expect(canonicalUrl("http://news.example.com:80/a")).toBe("http://news.example.com/a");
    expect(canonicalUrl("http://news.example.com:8080/a")).toBe("http://news.example.com:8080/a");
  });

  it("removes tracking parameters and keeps the others in order, as written", () => {
    const url = "https://n.example/s?utm_source=rss&b=2&fbclid=x&a=1&UTM_Medium=feed&gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&igshid=6&_ga=7&ref_src=8&cmpid=9&ocid=10&q=a%20b+c";
    expect(canonicalUrl(url)).toBe("https://n.example/s?b=2&a=1&q=a%20b+c");
  });

  it("drops an emptied or empty query string", () => {
    expect(canonicalUrl("https://n.example/s?utm_campaign=x")).toBe("https://n.example/s");
    expect(canonicalUrl("https://n.example/s?")).toBe("https://n.example/s");
  });

  it("resolves relative URLs against a base", () => {
    expect(canonicalUrl("../b/c?x=1#top", "https://n.example/a/feed.xml")).toBe("https://n.example/b/c?x=1");
    expect(canonicalUrl("//cdn.example/x", "https://n.example/")).toBe("https://cdn.example/x");
  });

  it("is null for other schemes, relative URLs without a base and junk", () => {
    expect(canonicalUrl("javascript:alert(1)")).toBeNull();
    expect(canonicalUrl("mailto:desk@n.example")).toBeNull();
    expect(canonicalUrl("ftp://n.example/file")).toBeNull();
    expect(canonicalUrl("/relative/only")).toBeNull();
    expect(canonicalUrl("http://")).toBeNull();
  });

  it("keeps parameters that only look like tracking", () => {
    expect(canonicalUrl("https://n.example/s?utmost=1&page=2&ref=home")).toBe("https://n.example/s?utmost=1&page=2&ref=home");
  });
});
