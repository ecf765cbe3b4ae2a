import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type OpenPostgresResult = { status: "ok"; db: Kysely<Database>; dialect: "postgres"; location: string } | { status: "error"; error: string };

export interface OpenPostgresOptions {
  /** Connections kept at most; each worker process has its own pool. */
  maxConnections?: number;
  /** Errors of idle pooled connections (a server restart); the next query reconnects. */
  onIdleError?: (error: Error) => void;
}

// Our ids and epoch-millisecond times are bigint columns; pg hands int8 and numeric (sums) back as
// strings because they can exceed 2^53. Ours never do, so this pool reads them as numbers. The
// parser is set per pool, not on pg's global table, so other users of pg in the process keep theirs.
const NUMBER_TYPES = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    NUMBER_TYPES.has(oid) && format !== "binary" ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The URL as logs may show it: no password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}

/** Opens a pool on `url` and checks that the server answers, so a bad URL fails at start-up with one clear line. */
export async function openPostgres(url: string, opts: OpenPostgresOptions = {}): Promise<OpenPostgresResult> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 10, types });
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on("error", (error) => opts.onIdleError?.(error));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "error", error: `cannot connect to PostgreSQL at ${location}: ${reason}` };
  }
  return { status: "ok", db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres", location };
}
