// Delivery throughput as dispatch workers are added: 1, 2 and 4 worker processes on one PostgreSQL
// database, and 1 on SQLite, each sending the same outbox to a loopback platform without limits.
// `NEWSFLASH_PG_URL=postgres://… node bin/run-ts.js bench/scale.ts [--json]` (without the URL,
// only SQLite runs). Each run: workers start and report ready, the outbox rows are committed in one
// transaction (NOTIFY wakes the workers), and the clock runs until the platform has every message.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../src/db/migrate.js";
import { enqueueDeliveries, type NewDelivery } from "../src/db/delivery-queries.js";
import { openSqlite } from "../src/db/open-database.js";
import { openPostgres } from "../src/db/open-postgres.js";
import type { Database } from "../src/db/schema.js";
import { startLoopbackPlatform } from "../tests/fakes/loopback-platform/index.js";
import { createPgSchema } from "../tests/helpers/engines.js";
import { seedStories } from "../tests/helpers/seed-stories.js";
import { isMain } from "./lib/is-main.js";

const CHATS = 1000;
const STORIES = 4;
const DELIVERIES = CHATS * STORIES;

const runTs = fileURLToPath(new URL("../bin/run-ts.js", import.meta.url));
const workerPath = fileURLToPath(new URL("../tests/fakes/dispatch-worker.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

interface Store {
  db: Kysely<Database>;
  url: string;
  drop(): Promise<void>;
}

async function pgStore(baseUrl: string): Promise<Store> {
  const schema = await createPgSchema(baseUrl);
  const opened = await openPostgres(schema.url);
  if (opened.status === "error") throw new Error(opened.error);
  return { db: opened.db, url: schema.url, drop: async () => (await opened.db.destroy(), await schema.drop()) };
}

function sqliteStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), "newsflash-bench-"));
  const path = join(dir, "bench.db");
  const opened = openSqlite(path);
  if (opened.status === "error") throw new Error(opened.error);
  return { db: opened.db, url: path, drop: async () => (await opened.db.destroy(), rmSync(dir, { recursive: true, force: true })) };
}

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcessWithoutNullStreams; ready: Promise<void> } {
  const child = spawn(process.execPath, [runTs, workerPath], { env, cwd: repoRoot });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes('"ready"')) resolve();
    });
    child.once("exit", (code) => reject(new Error(`a dispatch worker exited (${code}): ${stderr}`)));
  });
  // Only `ready` matters here; the per-send lines are drained so the pipe never fills.
  child.stdout.resume();
  return { child, ready };
}

/** Deliveries per second with `workers` dispatch processes on `store`. */
async function measure(store: Store, workers: number): Promise<number> {
  const migrated = await migrateToLatest(store.db);
  if (migrated.status === "error") throw new Error(migrated.error);
  const storyIds = await seedStories(store.db, Array.from({ length: STORIES }, (_, i) => ({ title: `Bench story ${i}`, summary: "Scale bench." })));
  const platform = await startLoopbackPlatform();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: store.url, LOOPBACK_URL: platform.url, PLATFORM: "console", LEASE_MS: "30000", LOG_LEVEL: "warn" };
  const started = Array.from({ length: workers }, () => startWorker(env));
  try {
    await Promise.all(started.map((w) => w.ready));
    const rows: NewDelivery[] = [];
    for (let c = 0; c < CHATS; c++) {
      for (const storyId of storyIds) rows.push({ storyId, subscriptionId: null, clusterId: null, platform: "console", chatId: `chat-${c}`, threadId: null, priority: 0, nextAttemptAt: 0 });
    }
    const t = performance.now();
    await store.db.transaction().execute((trx) => enqueueDeliveries(trx, rows));
    while (platform.messages.length < DELIVERIES) await new Promise((r) => setTimeout(r, 10));
    const seconds = (performance.now() - t) / 1000;
    if (platform.duplicates() > 0) throw new Error(`${platform.duplicates()} deliveries were sent twice`);
    return Math.round(DELIVERIES / seconds);
  } finally {
    for (const w of started) w.child.kill("SIGKILL");
    await platform.close();
  }
}

export async function run(opts: { json: boolean }): Promise<Record<string, number>> {
  const pgUrl = process.env.NEWSFLASH_PG_URL;
  const results: Record<string, number> = { deliveries: DELIVERIES, chats: CHATS };
  const sqlite = sqliteStore();
  try {
    results.sqlite1WorkerPerSecond = await measure(sqlite, 1);
  } finally {
    await sqlite.drop();
  }
  if (pgUrl) {
    for (const workers of [1, 2, 4]) {
      const store = await pgStore(pgUrl);
      try {
        results[`postgres${workers}WorkersPerSecond`] = await measure(store, workers);
      } finally {
        await store.drop();
      }
    }
    const one = results.postgres1WorkersPerSecond ?? 1;
    results.scaling2vs1 = Number(((results.postgres2WorkersPerSecond ?? 0) / one).toFixed(2));
    results.scaling4vs1 = Number(((results.postgres4WorkersPerSecond ?? 0) / one).toFixed(2));
  }
  if (!opts.json) {
    console.log(`${DELIVERIES} deliveries to ${CHATS} chats, loopback platform without limits`);
    console.log(`SQLite,     1 worker:  ${results.sqlite1WorkerPerSecond} deliveries/s`);
    if (!pgUrl) console.log("PostgreSQL: skipped (set NEWSFLASH_PG_URL)");
    for (const workers of [1, 2, 4]) {
      const value = results[`postgres${workers}WorkersPerSecond`];
      if (value !== undefined) console.log(`PostgreSQL, ${workers} worker${workers > 1 ? "s" : ""}: ${value} deliveries/s`);
    }
    if (pgUrl) console.log(`scaling on PostgreSQL: ×${results.scaling2vs1} with 2 workers, ×${results.scaling4vs1} with 4 (vs 1)`);
  }
  return results;
}

if (isMain(import.meta.url)) await run({ json: process.argv.includes("--json") });
