import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHostLimiter, fetchFeed } from "../../../src/ingest/fetch/index.js";
import { sampleRss, slowResponse, startFeedServer } from "../../fakes/feed-server/index.js";
import type { FeedServer } from "../../fakes/feed-server/index.js";

let slowHost: FeedServer;
let fastHost: FeedServer;
beforeAll(async () => {
  slowHost = await startFeedServer();
  fastHost = await startFeedServer();
  slowHost.route("/slow.xml", slowResponse(300, sampleRss()));
  fastHost.route("/fast.xml", { body: sampleRss() });
});
afterAll(async () => {
  await slowHost.close();
  await fastHost.close();
});

describe("createHostLimiter with fetchFeed", () => {
  it("keeps at most two requests in flight per host, while another host is not delayed", async () => {
    const hostLimiter = createHostLimiter(2);
    const started = performance.now();
    const slowDoneAt: number[] = [];
    const slowFetches = Array.from({ length: 6 }, () =>
      fetchFeed(slowHost.url("/slow.xml"), { hostLimiter, totalTimeoutMs: 1500 }).then((result) => {
        slowDoneAt.push(performance.now());
        return result;
      }),
    );
    const fast = await fetchFeed(fastHost.url("/fast.xml"), { hostLimiter });
    const fastDoneAt = performance.now();
    const slowResults = await Promise.all(slowFetches);
    const slowMs = performance.now() - started;

    expect(fast.status).toBe("ok");
    expect(slowResults.map((result) => result.status)).toEqual(Array(6).fill("ok"));
    expect(slowHost.maxInFlight).toBe(2);
    // Three rounds of 300 ms on the slow host; the fast host answered while the first round ran.
    expect(slowMs).toBeGreaterThanOrEqual(850);
    expect(fastDoneAt).toBeLessThan(Math.min(...slowDoneAt));
  });

  it("does not count time waiting in line against the total timeout", async () => {
    const hostLimiter = createHostLimiter(1);
    const results = await Promise.all(
      Array.from({ length: 3 }, () => fetchFeed(slowHost.url("/slow.xml"), { hostLimiter, totalTimeoutMs: 600 })),
    );
    expect(results.map((result) => result.status)).toEqual(["ok", "ok", "ok"]);
  });

  it("drops a waiting fetch whose signal fires, without ever sending it", async () => {
    const hostLimiter = createHostLimiter(1);
    const controller = new AbortController();
    const before = slowHost.requests.length;
    const first = fetchFeed(slowHost.url("/slow.xml"), { hostLimiter });
    const waiting = fetchFeed(slowHost.url("/slow.xml?second"), { hostLimiter, signal: controller.signal });
    controller.abort();
    expect(await waiting).toMatchObject({ status: "error", kind: "aborted" });
    expect((await first).status).toBe("ok");
    expect(slowHost.requests.slice(before).map((request) => request.path)).toEqual(["/slow.xml"]);
  });
});

describe("createHostLimiter on its own", () => {
  it("runs tasks per host in arrival order and frees the slot when a task fails", async () => {
    const limiter = createHostLimiter(1);
    const order: string[] = [];
    const task = (name: string, fail = false) => async () => {
      order.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = limiter.run("http://a.test/1", task("a1", true));
    const b = limiter.run("http://a.test/2", task("a2"));
    const c = limiter.run("http://b.test/1", task("b1"));
    await expect(a).rejects.toThrow("a1");
    await expect(b).resolves.toBe("a2");
    await expect(c).resolves.toBe("b1");
    expect(order.indexOf("start a2")).toBeGreaterThan(order.indexOf("end a1"));
    expect(order.indexOf("start b1")).toBeLessThan(order.indexOf("end a1"));
  });

  it("treats another port as another host", async () => {
    const limiter = createHostLimiter(1);
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    };
    await Promise.all([limiter.run("http://h.test:8080/", task), limiter.run("http://h.test:8081/", task)]);
    expect(most).toBe(2);
  });

  it("refuses a limit below one", () => {
    expect(() => createHostLimiter(0)).toThrow(RangeError);
  });
});
