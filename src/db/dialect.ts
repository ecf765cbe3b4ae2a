import { PostgresAdapter } from "kysely";

/** The two engines the store runs on; queries that differ between them branch on this once. */
export type Engine = "sqlite" | "postgres";

/** Anything that runs queries: a Kysely instance, a transaction or one connection. */
interface HasExecutor {
  getExecutor(): { readonly adapter: unknown };
}

export function engineOf(db: HasExecutor): Engine {
  // The adapter is the dialect's identity; a transaction shares its parent's.
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
