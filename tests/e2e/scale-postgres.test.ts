// Many workers, one PostgreSQL database: two `newsflash start --role ingest`, one `--role bot`
// (the watcher) and three dispatch workers (tests/fakes/dispatch-worker.ts: the dispatch role
// sending to the loopback platform) as child processes. Every feed is fetched once, every delivery
// sent exactly once, no chat gets more than one message a second whichever worker sends it; then a
// dispatch worker is killed with SIGKILL mid-run and the others finish its work.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryCountsByStatus, listDeliveries } from "../../src/db/delivery-queries.js";
import { addSource } from "../../src/db/source-queries.js";
import { subscribe } from "../../src/db/subscription-queries.js";
import { startFeedServer, type FeedServer } from "../fakes/feed-server/index.js";
import { startLoopbackPlatform, type LoopbackPlatform, type ReceivedMessage } from "../fakes/loopback-platform/index.js";
import { openPgEngine, pgUrl, type OpenedEngine } from "../helpers/engines.js";
import { childEnv, repoRoot, startCli } from "../helpers/run-cli.js";
import { seedStories } from "../helpers/seed-stories.js";

const SOURCES = 30;
const GROUPS = 5;
const CHATS = 20;
// Each story goes to CHATS / GROUPS chats.
const PER_PHASE = SOURCES * (CHATS / GROUPS);
const PER_CHAT_MS = 1000;

const runTs = fileURLToPath(new URL("../../bin/run-ts.js", import.meta.url));
const workerPath = fileURLToPath(new URL("../fakes/dispatch-worker.ts", import.meta.url));

/** Letters-only words that share nothing from one story to the next, so no two stories cluster. */
const headline = () => Array.from({ length: 5 }, () => randomBytes(5).toString("hex").replace(/\d/g, (d) => "ghijklmnop"[Number(d)] ?? "q")).join(" ");

function rss(n: number): string {
  const title = `Scale ${headline()}`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Scale feed ${n}</title><link>https://scale${n}.example/</link><description>d</description>
<item><title>${title}</title><link>https://scale${n}.example/story/${n}</link><guid>scale-${n}</guid><pubDate>${new Date(Date.now() - 5 * 60_000).toUTCString()}</pubDate><description>${headline()}.</description></item></channel></rss>`;
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  sent: number;
  ready: boolean;
  stderr: string;
}

function startDispatchWorker(env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, [runTs, workerPath], { env, cwd: repoRoot });
  const worker: Worker = { child, sent: 0, ready: false, stderr: "" };
  let buffer = "";
  child.stdout.on("data", (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      const event = JSON.parse(line) as { event: string; total?: number };
      if (event.event === "ready") worker.ready = true;
      if (event.event === "sent") worker.sent = event.total ?? worker.sent;
    }
  });
  child.stderr.on("data", (d: Buffer) => (worker.stderr += d.toString()));
  return worker;
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, context: () => string = () => ""): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The shortest time between two messages to one chat, over the given messages. */
function minGapPerChat(messages: readonly ReceivedMessage[]): number {
  const last = new Map<string, number>();
  let min = Number.POSITIVE_INFINITY;
  for (const m of [...messages].sort((a, b) => a.at - b.at)) {
    const before = last.get(m.chatId);
    if (before !== undefined) min = Math.min(min, m.at - before);
    last.set(m.chatId, m.at);
  }
  return min;
}

describe.skipIf(pgUrl === undefined)("scaling out on PostgreSQL", () => {
  let store: OpenedEngine;
  let feeds: FeedServer;
  let platform: LoopbackPlatform;
  const clis: Array<ReturnType<typeof startCli>> = [];
  const workers: Worker[] = [];

  beforeAll(async () => {
    store = await openPgEngine(pgUrl ?? "");
    feeds = await startFeedServer();
    // The platform answers 429 to a second message to one chat within a second: the limit is measured where it applies.
    platform = await startLoopbackPlatform({ limits: { perChat: { count: 1, perMs: PER_CHAT_MS } } });
    for (let n = 0; n < SOURCES; n++) {
      // Slow answers, so the two ingest workers poll at the same time.
      feeds.route(`/feed/${n}`, { headers: { "content-type": "application/rss+xml" }, body: rss(n), delayMs: 300 });
      await addSource(store.db, { url: feeds.url(`/feed/${n}`), name: `Scale ${n}`, topics: [`scale-g${n % GROUPS}`], everySeconds: 300, breaking: false });
    }
    // Primed as if polled before: what the feeds hold now is news and alerts.
    await store.db.updateTable("sources").set({ primed: 1 }).execute();
    for (let c = 0; c < CHATS; c++) {
      await subscribe(store.db, { platform: "telegram", chatId: String(1001 + c), target: { topic: `scale-g${c % GROUPS}` }, mode: "instant", timezone: "UTC" });
    }
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) w.child.kill("SIGKILL");
    for (const c of clis) c.child.kill("SIGKILL");
    await Promise.all([...workers.map((w) => new Promise((r) => (w.child.exitCode !== null || w.child.signalCode !== null ? r(null) : w.child.once("exit", r)))), ...clis.map((c) => c.exited)]);
    await platform?.close();
    await feeds?.close();
    await store?.cleanup();
  }, 30_000);

  it("shares ingest and delivery between workers, sends each delivery once within per-chat limits, and survives a SIGKILL", async () => {
    const env = childEnv({ DATABASE_URL: store.url, LOOPBACK_URL: platform.url, LEASE_MS: "3000" });
    const logs = () => [...clis.map((c) => c.stderr), ...workers.map((w) => w.stderr)].join("\n").slice(-4000);
    for (let i = 0; i < 3; i++) workers.push(startDispatchWorker(env));
    clis.push(startCli(["start", "--role", "bot"], { env }));
    for (let i = 0; i < 2; i++) clis.push(startCli(["start", "--role", "ingest"], { env }));
    await waitFor(() => workers.every((w) => w.ready), "the dispatch workers", 30_000, logs);

    // Phase 1: feeds → two ingest workers → stories → the watcher (woken by NOTIFY) → outbox → three dispatchers.
    const allSent = async (n: number) => {
      const counts = await deliveryCountsByStatus(store.db);
      return (counts.sent ?? 0) === n && Object.values(counts).reduce((a, b) => a + b, 0) === n;
    };
    await waitFor(() => allSent(PER_PHASE), `${PER_PHASE} deliveries sent`, 40_000, logs);
    const fetches = new Map<string, number>();
    for (const r of feeds.requests) fetches.set(r.path, (fetches.get(r.path) ?? 0) + 1);
    expect(fetches.size).toBe(SOURCES);
    expect(Math.max(...fetches.values())).toBe(1);
    expect(platform.messages.length).toBe(PER_PHASE);
    expect(platform.duplicates()).toBe(0);
    expect(platform.stats.tooManyRequests).toBe(0);
    expect(minGapPerChat(platform.messages)).toBeGreaterThanOrEqual(PER_CHAT_MS);
    expect(workers.filter((w) => w.sent > 0).length).toBeGreaterThanOrEqual(2);

    // Phase 2: another batch of stories; the busiest dispatcher is killed while it holds claims.
    const before = workers.map((w) => w.sent);
    await seedStories(store.db, Array.from({ length: SOURCES }, (_, n) => ({ title: `Scale ${headline()}`, summary: headline(), topics: [`scale-g${n % GROUPS}`] })));
    await waitFor(() => platform.messages.length >= PER_PHASE + 30, "phase 2 under way", 20_000, logs);
    const victim = workers.reduce((a, b, i) => (b.sent - (before[i] ?? 0) > a.sent - (before[workers.indexOf(a)] ?? 0) ? b : a));
    victim.child.kill("SIGKILL");
    const killedAt = platform.messages.length;
    await waitFor(() => allSent(2 * PER_PHASE), `${2 * PER_PHASE} deliveries sent after the kill`, 30_000, logs);

    const deliveries = await listDeliveries(store.db, { limit: 10_000 });
    expect(deliveries.length).toBe(2 * PER_PHASE);
    const received = new Map<string, number>();
    for (const m of platform.messages) received.set(`${m.chatId}:${m.key}`, (received.get(`${m.chatId}:${m.key}`) ?? 0) + 1);
    // Every delivery reached its chat; a second copy is possible only for a send the killed worker
    // had started, and the outbox flags exactly those (recovered_leases).
    const flagged = new Set(deliveries.filter((d) => d.recoveredLeases > 0).map((d) => `${d.chatId}:${d.storyId}`));
    for (const d of deliveries) {
      const copies = received.get(`${d.chatId}:${d.storyId}`) ?? 0;
      expect(copies, `delivery ${d.id}`).toBeGreaterThanOrEqual(1);
      if (copies > 1) expect(flagged.has(`${d.chatId}:${d.storyId}`), `duplicate of delivery ${d.id} not flagged`).toBe(true);
    }
    // Per-chat limits still hold, apart from a flagged possible duplicate (its first copy left no record).
    const unflagged = platform.messages.filter((m) => !flagged.has(`${m.chatId}:${m.key}`));
    expect(minGapPerChat(unflagged)).toBeGreaterThanOrEqual(PER_CHAT_MS);
    expect(platform.stats.tooManyRequests).toBeLessThanOrEqual(flagged.size);
    // The survivors did the rest.
    expect(platform.messages.length).toBeGreaterThan(killedAt);
    expect(workers.filter((w) => w !== victim).reduce((sum, w) => sum + w.sent, 0)).toBeGreaterThan(before.reduce((a, b) => a + b, 0) - (before[workers.indexOf(victim)] ?? 0));
  }, 90_000);
});
