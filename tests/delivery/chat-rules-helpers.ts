// One chat driven end to end on a fake clock: commands typed into it, stories stored, the
// watcher, the digest runner and the dispatcher run by hand, and what reached the chat.
import type { Kysely } from "kysely";
import { runTextCommand } from "../../commands/run-command.js";
import { replyToPlainText } from "../../commands/reply.js";
import type { Database } from "../../src/db/schema.js";
import { createDispatcher } from "../../src/delivery/dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { createCommandServices } from "../../src/services.js";
import { createDigestRunner } from "../../src/stories/digest-runner.js";
import { createWatcher } from "../../src/stories/watcher.js";
import { scriptedChannel } from "./outbox-helpers.js";

export function chatHarness(db: Kysely<Database>, start: number, chatId = "a") {
  const logger = createLogger({ level: "silent", secrets: [] });
  const clock = { now: start };
  const channel = scriptedChannel();
  const services = createCommandServices(db, { defaultTimezone: "UTC", clock: () => new Date(clock.now) });
  const watcher = createWatcher({ db, logger, clock: () => new Date(clock.now) });
  const digests = createDigestRunner({ db, logger, defaultTimezone: "UTC", clock: () => clock.now });
  const dispatcher = createDispatcher({ db, channels: [channel], logger, defaultTimezone: "UTC", clock: () => clock.now, holdMaxMs: 0 });
  return {
    clock,
    channel,
    /** Runs a slash command in the chat as an admin; the reply as plain text. */
    async type(line: string): Promise<string> {
      const reply = await runTextCommand(
        line,
        { platform: "test", chat: { id: chatId, threadId: null, kind: "private" }, user: { id: "u", name: "U" }, canManage: async () => true, services },
        { onInternalError: (error) => { throw error; } },
      );
      return reply ? replyToPlainText(reply) : "";
    },
    /** Matches stored stories, makes due digests and sends what is due. */
    async tick() {
      const pass = await watcher.runOnce();
      const made = await digests.runDue();
      await dispatcher.drain();
      return { ...pass, digests: made.digests };
    },
  };
}
