import { PassThrough } from "node:stream";
import type { Kysely } from "kysely";
import { pino } from "pino";
import type { Database } from "../../src/db/schema.js";
import { createConsoleAdapter } from "../../src/platforms/console/console-adapter.js";
import { createCommandServices } from "../../src/services.js";

/** The real console adapter in-process: type lines, read what the chat shows. */
export async function openConsoleChat(db: Kysely<Database>, opts: { now?: () => Date } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = "";
  output.on("data", (d: Buffer) => (shown += d.toString()));
  const services = createCommandServices(db, { defaultTimezone: "UTC", clock: opts.now });
  const adapter = createConsoleAdapter({ services, logger: pino({ level: "silent" }), input, output });
  await adapter.start();
  return {
    adapter,
    /** Sends one command and resolves with the text it printed. */
    async say(line: string): Promise<string> {
      const before = shown.length;
      input.write(line + "\n");
      const started = Date.now();
      while (shown.length === before || !shown.endsWith("\n")) {
        if (Date.now() - started > 5000) throw new Error(`no reply to ${line}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      // Replies are written in one piece; give a moment for nothing else to arrive.
      await new Promise((r) => setTimeout(r, 20));
      return shown.slice(before);
    },
    get transcript() {
      return shown;
    },
    close: () => adapter.stop(),
  };
}
