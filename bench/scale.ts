// Delivery throughput as dispatch workers are added: 1, 2 and 4 worker processes on one PostgreSQL
// database, and 1 on SQLite, each sending the same outbox to a loopback platform without limits.
// `NEWSFLASH_PG_URL=postgres://… node bin/run-ts.js bench/scale.ts [--json]` (without the URL,
// only SQLite runs). Each run: workers start, send a warm-up round, then the measured outbox rows
// are committed in one transaction (NOTIFY wakes the workers) and the clock runs until the
// platform has every message.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
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
// One story to every chat first, unmeasured: each worker process compiles and warms up its code.
const WARMUP_STORIES = 1;

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
  return { child, ready };
}

/** CPU seconds a process has used (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Deliveries per second with `workers` dispatch processes on `store`, and the workers' CPU milliseconds per delivery. */
async function measure(store: Store, workers: number): Promise<{ perSecond: number; cpuMsPerDelivery: number }> {
  const migrated = await migrateToLatest(store.db);
  if (migrated.status === "error") throw new Error(migrated.error);
  const storyIds = await seedStories(store.db, Array.from({ length: WARMUP_STORIES + STORIES }, (_, i) => ({ title: `Bench story ${i}`, summary: "Scale bench." })));
  const platform = await startLoopbackPlatform();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: store.url, LOOPBACK_URL: platform.url, PLATFORM: "console", LEASE_MS: "30000", LOG_LEVEL: "warn", SENT_EVENTS: "off" };
  const started = Array.from({ length: workers }, () => startWorker(env));
  try {
    await Promise.all(started.map((w) => w.ready));
    const outbox = (stories: number[]) => {
      const rows: NewDelivery[] = [];
      for (let c = 0; c < CHATS; c++) {
        for (const storyId of stories) rows.push({ storyId, subscriptionId: null, clusterId: null, platform: "console", chatId: `chat-${c}`, threadId: null, priority: 0, nextAttemptAt: 0 });
      }
      return rows;
    };
    const warmup = WARMUP_STORIES * CHATS;
    await store.db.transaction().execute((trx) => enqueueDeliveries(trx, outbox(storyIds.slice(0, WARMUP_STORIES))));
    while (platform.messages.length < warmup) await new Promise((r) => setTimeout(r, 10));
    const cpu = () => started.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0);
    const cpuBefore = cpu();
    const t = performance.now();
    await store.db.transaction().execute((trx) => enqueueDeliveries(trx, outbox(storyIds.slice(WARMUP_STORIES))));
    while (platform.messages.length < warmup + DELIVERIES) await new Promise((r) => setTimeout(r, 10));
    const seconds = (performance.now() - t) / 1000;
    const cpuMsPerDelivery = Number((((cpu() - cpuBefore) * 1000) / DELIVERIES).toFixed(2));
    if (platform.duplicates() > 0) throw new Error(`${platform.duplicates()} deliveries were sent twice`);
    return { perSecond: Math.round(DELIVERIES / seconds), cpuMsPerDelivery };
  } finally {
    for (const w of started) w.child.kill("SIGKILL");
    await platform.close();
  }
}

export async function run(opts: { json: boolean }): Promise<Record<string, number>> {
  const pgUrl = process.env.NEWSFLASH_PG_URL;
  const results: Record<string, number> = { deliveries: DELIVERIES, chats: CHATS, cpus: availableParallelism() };
  const sqlite = sqliteStore();
  try {
    const m = await measure(sqlite, 1);
    results.sqlite1WorkerPerSecond = m.perSecond;
    results.sqlite1WorkerCpuMsPerDelivery = m.cpuMsPerDelivery;
  } finally {
    await sqlite.drop();
  }
  if (pgUrl) {
    for (const workers of [1, 2, 4]) {
      const store = await pgStore(pgUrl);
      try {
        const m = await measure(store, workers);
        results[`postgres${workers}WorkersPerSecond`] = m.perSecond;
        results[`postgres${workers}WorkersCpuMsPerDelivery`] = m.cpuMsPerDelivery;
      } finally {
        await store.drop();
      }
    }
    const one = results.postgres1WorkersPerSecond ?? 1;
    results.scaling2vs1 = Number(((results.postgres2WorkersPerSecond ?? 0) / one).toFixed(2));
    results.scaling4vs1 = Number(((results.postgres4WorkersPerSecond ?? 0) / one).toFixed(2));
  }
  if (!opts.json) {
    console.log(`${DELIVERIES} deliveries to ${CHATS} chats, loopback platform without limits, ${results.cpus} CPUs`);
    console.log(`SQLite,     1 worker:  ${results.sqlite1WorkerPerSecond} deliveries/s (workers' CPU: ${results.sqlite1WorkerCpuMsPerDelivery} ms per delivery)`);
    if (!pgUrl) console.log("PostgreSQL: skipped (set NEWSFLASH_PG_URL)");
    for (const workers of [1, 2, 4]) {
      const value = results[`postgres${workers}WorkersPerSecond`];
      if (value !== undefined) console.log(`PostgreSQL, ${workers} worker${workers > 1 ? "s" : ""}: ${value} deliveries/s (workers' CPU: ${results[`postgres${workers}WorkersCpuMsPerDelivery`]} ms per delivery)`);
    }
    if (pgUrl) console.log(`scaling on PostgreSQL: ×${results.scaling2vs1} with 2 workers, ×${results.scaling4vs1} with 4 (vs 1)`);
  }
  return results;
}

if (isMain(import.meta.url)) await run({ json: process.argv.includes("--json") });
