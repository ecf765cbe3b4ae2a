import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { runTextCommand } from "../../../commands/run-command.js";
import type { CommandServices } from "../../../commands/types.js";
import { renderConsoleAlert } from "../../delivery/render/console-alert.js";
import { renderConsoleDigest } from "../../delivery/render/console-digest.js";
import type { Logger } from "../../logger.js";
import type { PlatformAdapter, PlatformState } from "../platform.js";
import { renderReplyForConsole } from "./render-reply.js";

export const CONSOLE_CHAT_ID = "me";

export interface ConsoleAdapterOptions {
  services: CommandServices;
  logger: Logger;
  input: Readable;
  output: Writable;
  color?: boolean;
}

/**
 * The local channel: one chat ("me") on the terminal. Each stdin line is a slash command; replies
 * and alerts print on stdout the way they would read in a chat.
 */
export function createConsoleAdapter(opts: ConsoleAdapterOptions): PlatformAdapter {
  let state: PlatformState = "stopped";
  let rl: ReturnType<typeof createInterface> | undefined;
  let queue = Promise.resolve();
  const print = (text: string) => opts.output.write(text.endsWith("\n") ? text : text + "\n");

  async function handleLine(line: string): Promise<void> {
    if (line.trim() === "") return;
    const reply = await runTextCommand(
      line,
      {
        platform: "console",
        chat: { id: CONSOLE_CHAT_ID, threadId: null, kind: "private", title: "console" },
        user: { id: CONSOLE_CHAT_ID, name: "you" },
        canManage: async () => true,
        services: opts.services,
      },
      { onInternalError: (error, command) => opts.logger.error({ err: error, command }, "command failed") },
    );
    if (reply) print(renderReplyForConsole(reply, opts.services.clock()));
  }

  return {
    platform: "console",
    async start() {
      state = "running";
      rl = createInterface({ input: opts.input, terminal: false });
      // Lines run one after another, like messages in one chat.
      rl.on("line", (line) => {
        queue = queue.then(() => handleLine(line)).catch((error: unknown) => opts.logger.error({ err: error }, "console command failed"));
      });
    },
    async stop() {
      rl?.close();
      await queue;
      state = "stopped";
    },
    health() {
      return { state };
    },
    async send(_target, alert) {
      print("\n" + renderConsoleAlert(alert, { color: opts.color ?? false }) + "\n");
      return { status: "sent", messageId: `console-${alert.storyId}-${Date.now()}` };
    },
    // A terminal cannot rewrite an earlier message: the update is printed as a new one, marked so.
    async edit(_target, messageId, alert) {
      print("\n(updated) " + renderConsoleAlert(alert, { color: opts.color ?? false }) + "\n");
      return { status: "sent", messageId };
    },
    async sendDigest(_target, digest) {
      print("\n" + renderConsoleDigest(digest) + "\n");
      return { status: "sent", messageId: `console-digest-${Date.now()}` };
    },
  };
}
