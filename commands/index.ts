import { digest } from "./digest.js";
import { help, start } from "./help.js";
import { latest } from "./latest.js";
import { mute } from "./mute.js";
import { quiet } from "./quiet.js";
import { search } from "./search.js";
import { subscribe } from "./subscribe.js";
import { subscriptions } from "./subscriptions.js";
import { topics } from "./topics.js";
import type { AnyCommand } from "./types.js";
import { unmute } from "./unmute.js";
import { unsubscribe } from "./unsubscribe.js";

/** Every slash command, in the order menus show them. */
export const commands: readonly AnyCommand[] = [start, help, topics, subscribe, unsubscribe, subscriptions, search, latest, digest, quiet, mute, unmute];

export function findCommand(name: string): AnyCommand | undefined {
  return commands.find((c) => c.name === name.toLowerCase());
}
