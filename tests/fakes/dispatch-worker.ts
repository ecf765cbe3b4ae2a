// A dispatch worker for the scale test and bench/scale: what `newsflash start --role dispatch`
// runs (the dispatcher, woken by NOTIFY), sending to the loopback platform instead of Telegram,
// with a short lease so a killed worker's claims come back within the test.
//
//   DATABASE_URL=postgres://… LOOPBACK_URL=http://127.0.0.1:… node bin/run-ts.js tests/fakes/dispatch-worker.ts
//
// Env: LEASE_MS (default 3000), PLATFORM (default "telegram": its published rate limits apply;
// "console" has none), SENT_EVENTS=off (no line per send, for benchmarks). stdout: one JSON line
// per event: {"event":"ready"}, {"event":"sent","total":n}.
import { readConfig } from "../../src/config.js";
import { openMigratedDatabase } from "../../src/database.js";
import { listenForChanges } from "../../src/db/notifications.js";
import { createDispatcher } from "../../src/delivery/dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { createLoopbackChannel } from "./loopback-platform/index.js";

const config = readConfig(process.env);
const logger = createLogger({ level: config.logLevel, secrets: [] });
const opened = await openMigratedDatabase(config);
if (opened.status === "error") {
  process.stderr.write(`${opened.error}\n`);
  process.exit(2);
}
const db = opened.db;
const channel = createLoopbackChannel({ platform: process.env.PLATFORM ?? "telegram", url: process.env.LOOPBACK_URL ?? "" });
let sent = 0;
const sentEvents = process.env.SENT_EVENTS !== "off";
const dispatcher = createDispatcher({
  db,
  channels: [channel],
  logger,
  defaultTimezone: "UTC",
  leaseMs: Number(process.env.LEASE_MS ?? 3000),
  onOutcome: (event) => {
    if (event.outcome !== "sent") return;
    sent++;
    if (sentEvents) process.stdout.write(JSON.stringify({ event: "sent", total: sent }) + "\n");
  },
});
const listener = listenForChanges(config.database, { outbox: () => dispatcher.wake() });
await listener.ready;
dispatcher.start();
process.stdout.write(JSON.stringify({ event: "ready" }) + "\n");

process.on("SIGTERM", () => {
  void (async () => {
    await listener.close();
    await dispatcher.stop();
    await db.destroy();
    process.exit(0);
  })();
});
