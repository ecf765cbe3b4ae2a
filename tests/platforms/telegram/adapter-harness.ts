// Builds the real Telegram adapter in-process against the fake Bot API and a temp database, with
// the log lines kept for assertions. For behaviour that is slow or awkward through a child process.
import { createLogger } from "../../../src/logger.js";
import type { PlatformAdapter } from "../../../src/platforms/platform.js";
import { createTelegramAdapter } from "../../../src/platforms/telegram/telegram-adapter.js";
import { createCommandServices } from "../../../src/services.js";
import { startFakeTelegram, type FakeTelegram } from "../../fakes/telegram/index.js";
import { createTempDatabase, type TempDatabase } from "../../helpers/temp-db.js";

export interface Harness {
  tg: FakeTelegram;
  temp: TempDatabase;
  adapter: PlatformAdapter;
  logs: string[];
  close(): Promise<void>;
}

/** Another adapter on the same fake and database: a restarted process. */
export function adapterFor(tg: FakeTelegram, temp: TempDatabase, logs: string[], opts: { webhookUrl?: string; commandsVersion?: string } = {}): PlatformAdapter {
  const logger = createLogger({ level: "debug", secrets: [tg.token], write: (line) => void logs.push(line) });
  return createTelegramAdapter(
    { token: tg.token, apiRoot: tg.apiRoot, webhookUrl: opts.webhookUrl },
    { services: createCommandServices(temp.db, { defaultTimezone: "UTC" }), logger, commandsVersion: opts.commandsVersion ?? "test-version" },
  );
}

export async function startHarness(opts: { webhookUrl?: string; setup?: (tg: FakeTelegram) => void; start?: boolean } = {}): Promise<Harness> {
  const tg = await startFakeTelegram();
  opts.setup?.(tg);
  const temp = await createTempDatabase();
  const logs: string[] = [];
  const adapter = adapterFor(tg, temp, logs, opts);
  if (opts.start ?? true) await adapter.start();
  return {
    tg,
    temp,
    adapter,
    logs,
    async close() {
      // The adapter first: a closed fake would make its last getUpdates fail.
      await adapter.stop();
      await tg.close();
      await temp.cleanup();
    },
  };
}
