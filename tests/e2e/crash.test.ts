// Acceptance: a dispatcher process sending 2,000 deliveries is killed with SIGKILL at random
// moments five times and restarted. Afterwards every delivery is sent, duplicates are at most
// the number of kills, and the outbox's record of possible duplicates covers every real one.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliveryCountsByStatus, listDeliveries, recoveredLeaseTotal } from "../../src/db/delivery-queries.js";
import { createLogger } from "../../src/logger.js";
import { createWatcher } from "../../src/stories/watcher.js";
import { addStory, follow } from "../delivery/outbox-helpers.js";
import { startLoopbackPlatform, type LoopbackPlatform } from "../fakes/loopback-platform/index.js";
import { repoRoot } from "../helpers/run-cli.js";
import { createTempDatabase, type TempDatabase } from "../helpers/temp-db.js";

const CHATS = 100;
const STORIES = 20;
const KILLS = 5;
const LEASE_MS = 1_500;
// Faster than Telegram so the test takes seconds, paced like it (one token at a time). At this
// pace one call in flight keeps up (InFlightLimit), so a kill can catch at most one mid-send.
const RATE_LIMITS = { telegram: { perChat: { count: 20, perMs: 1000 }, perGroup: { count: 20, perMs: 1000 }, global: { count: 100, perMs: 1000 } } };

let temp: TempDatabase;
let platform: LoopbackPlatform;

beforeAll(async () => {
  temp = await createTempDatabase();
  platform = await startLoopbackPlatform({ limits: { perChat: { count: 20, perMs: 1000 }, global: { count: 100, perMs: 1000 } } });
});
afterAll(async () => {
  await platform.close();
  await temp.cleanup();
});

/** mulberry32, seeded so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function startChild(): { child: ChildProcess; ready: Promise<void>; exited: Promise<void>; stderr: () => string } {
  const child = spawn(process.execPath, [join(repoRoot, "bin/run-ts.js"), "tests/fakes/loopback-platform/dispatch-child.ts", temp.path, platform.url], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, LEASE_MS: String(LEASE_MS), RATE_LIMITS: JSON.stringify(RATE_LIMITS), LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before it was ready:\n${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, ready, exited, stderr: () => err };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("loses nothing and duplicates at most one message per kill", { timeout: 180_000 }, async () => {
  const quiet = createLogger({ level: "silent", secrets: [] });
  for (let c = 0; c < CHATS; c++) await follow(temp.db, "telegram", String(1000 + c));
  for (let s = 0; s < STORIES; s++) await addStory(temp.db, { title: `Story ${s}` });
  expect((await createWatcher({ db: temp.db, logger: quiet }).runOnce()).deliveries).toBe(CHATS * STORIES);

  const seed = Date.now() % 1_000_000;
  const random = seeded(seed);
  let kills = 0;
  while (kills < KILLS) {
    const run = startChild();
    await run.ready;
    // Kill while it is sending: after its first message, at a random moment within a second.
    const seen = platform.messages.length;
    const deadline = Date.now() + 20_000;
    while (platform.messages.length === seen && Date.now() < deadline) await sleep(5);
    await sleep(Math.floor(random() * 1000));
    run.child.kill("SIGKILL");
    await run.exited;
    kills++;
  }

  const last = startChild();
  await last.ready;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const counts = await deliveryCountsByStatus(temp.db);
    if ((counts.sent ?? 0) === CHATS * STORIES) break;
    if (Date.now() > deadline) throw new Error(`not everything was sent: ${JSON.stringify(counts)}\n${last.stderr()}`);
    await sleep(100);
  }
  last.child.kill("SIGTERM");
  await last.exited;

  const distinct = new Set(platform.messages.map((m) => `${m.chatId}:${m.key}`));
  const duplicates = platform.duplicates();
  const recorded = await recoveredLeaseTotal(temp.db);
  console.log(`crash test (seed ${seed}): ${kills} kills, ${distinct.size} of ${CHATS * STORIES} delivered, ${duplicates} duplicates, ${recorded} possible duplicates on record, ${platform.stats.tooManyRequests} answers 429`);

  if (duplicates > recorded) {
    const rows = await listDeliveries(temp.db, { limit: 10_000 });
    const counts = new Map<string, number>();
    for (const m of platform.messages) counts.set(`${m.chatId}:${m.key}`, (counts.get(`${m.chatId}:${m.key}`) ?? 0) + 1);
    for (const [key, n] of counts) {
      if (n < 2) continue;
      const [chat, story] = key.split(":");
      const row = rows.find((d) => d.chatId === chat && String(d.storyId) === story);
      console.log(key, n, JSON.stringify(row), platform.messages.filter((m) => `${m.chatId}:${m.key}` === key).map((m) => m.at));
    }
  }
  expect(distinct.size).toBe(CHATS * STORIES);
  expect(duplicates).toBeLessThanOrEqual(kills);
  // Every real duplicate was a send the outbox knew had started before its process died.
  expect(duplicates).toBeLessThanOrEqual(recorded);
});
