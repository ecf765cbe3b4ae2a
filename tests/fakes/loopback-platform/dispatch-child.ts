// The dispatcher as its own process, for the crash test: the real createDispatcher against the
// loopback platform, run until killed (SIGKILL) or stopped (SIGTERM).
//   node bin/run-ts.js tests/fakes/loopback-platform/dispatch-child.ts <sqlite file> <platform url>
// Env: LEASE_MS, RATE_LIMITS (JSON RateLimitOverrides), PLATFORM (default telegram).
import { openSqlite } from "../../../src/db/open-database.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import type { RateLimitOverrides } from "../../../src/delivery/rate-limit/rate-limits.js";
import { createLogger } from "../../../src/logger.js";
import { createLoopbackChannel } from "./channel.js";

const [dbPath, url] = process.argv.slice(2);
if (!dbPath || !url) {
  process.stderr.write("usage: dispatch-child.ts <sqlite file> <platform url>\n");
  process.exit(2);
}
const opened = openSqlite(dbPath);
if (opened.status === "error") {
  process.stderr.write(opened.error + "\n");
  process.exit(2);
}
const logger = createLogger({ level: process.env.LOG_LEVEL ?? "error", secrets: [] });
const dispatcher = createDispatcher({
  db: opened.db,
  channels: [createLoopbackChannel({ platform: process.env.PLATFORM ?? "telegram", url })],
  logger,
  defaultTimezone: "UTC",
  leaseMs: Number(process.env.LEASE_MS ?? 30_000),
  rateLimits: JSON.parse(process.env.RATE_LIMITS ?? "{}") as RateLimitOverrides,
});
dispatcher.start();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void dispatcher
    .stop()
    .then(() => opened.db.destroy())
    .then(() => process.exit(0));
});
