// The storage suite runs on both engines: SQLite in a temp file, PostgreSQL (NEWSFLASH_PG_URL) in a
// fresh schema per test, selected through search_path and dropped afterwards.
//
//   forEachEngine("stories", (t) => { it("…", async () => { await insertStory(t().db, …) }) });
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.js";
import { openPostgres } from "../../src/db/open-postgres.js";
import type { Database } from "../../src/db/schema.js";
import { createTempDatabase } from "./temp-db.js";

export type EngineName = "sqlite" | "postgres";

export interface OpenedEngine {
  name: EngineName;
  db: Kysely<Database>;
  /** What DATABASE_URL would be for a child process on the same store. */
  url: string;
  /** Another pool (or SQLite connection) on the same store, as a second worker process would have. */
  reopen(): Promise<Kysely<Database>>;
  cleanup(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  /** Why this engine's tests are skipped here, or undefined. */
  skip: string | undefined;
  open(): Promise<OpenedEngine>;
}

export const pgUrl = process.env.NEWSFLASH_PG_URL || undefined;
const pgSkip = pgUrl ? undefined : "NEWSFLASH_PG_URL is not set (CI sets it: .ci/run)";
if (pgSkip) console.warn(`PostgreSQL tests skipped: ${pgSkip}`);

/** `url` with its sessions' search_path set to `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

/** A new, empty schema on the test server; `drop()` removes it and everything in it. */
export async function createPgSchema(url: string): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `nf_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    schema,
    url: withSearchPath(url, schema),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function openPg(url: string): Promise<Kysely<Database>> {
  // Small pools: test files run in parallel against one server (100 connections by default).
  const opened = await openPostgres(url, { maxConnections: 4 });
  if (opened.status === "error") throw new Error(opened.error);
  return opened.db;
}

/** A migrated PostgreSQL store in its own schema. */
export async function openPgEngine(baseUrl: string): Promise<OpenedEngine> {
  const created = await createPgSchema(baseUrl);
  let db: Kysely<Database> | undefined;
  try {
    db = await openPg(created.url);
    const migrated = await migrateToLatest(db);
    if (migrated.status === "error") throw new Error(migrated.error);
  } catch (error) {
    // A store that never opened leaves no schema behind.
    await db?.destroy();
    await created.drop();
    throw error;
  }
  const extra: Kysely<Database>[] = [];
  const opened = db;
  return {
    name: "postgres",
    db: opened,
    url: created.url,
    async reopen() {
      const other = await openPg(created.url);
      extra.push(other);
      return other;
    },
    async cleanup() {
      for (const other of extra) await other.destroy();
      await opened.destroy();
      await created.drop();
    },
  };
}

export const engines: Engine[] = [
  {
    name: "sqlite",
    skip: undefined,
    async open() {
      const t = await createTempDatabase();
      const { openSqlite } = await import("../../src/db/open-database.js");
      const extra: Kysely<Database>[] = [];
      return {
        name: "sqlite",
        db: t.db,
        url: t.path,
        async reopen() {
          const opened = openSqlite(t.path);
          if (opened.status === "error") throw new Error(opened.error);
          extra.push(opened.db);
          return opened.db;
        },
        async cleanup() {
          for (const other of extra) await other.destroy();
          await t.cleanup();
        },
      };
    },
  },
  {
    name: "postgres",
    skip: pgSkip,
    open: () => openPgEngine(pgUrl ?? ""),
  },
];

/** Declares `body` once per engine, each test on a freshly migrated store. */
export function forEachEngine(title: string, body: (store: () => OpenedEngine, engine: Engine) => void): void {
  for (const engine of engines) {
    describe.skipIf(engine.skip !== undefined)(`${title} (${engine.name})`, () => {
      let opened: OpenedEngine | undefined;
      beforeEach(async () => {
        opened = await engine.open();
      });
      afterEach(async () => {
        await opened?.cleanup();
        opened = undefined;
      });
      body(() => {
        if (!opened) throw new Error("the store is open only inside a test");
        return opened;
      }, engine);
    });
  }
}
