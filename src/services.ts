import type { Kysely } from "kysely";
import type { CommandServices } from "../commands/types.js";
import type { Database } from "./db/schema.js";
import { createTopicDirectory } from "./topics/topic-directory.js";

/** The services commands and the CLI share; built here so both wire them the same way. */
export function createCommandServices(db: Kysely<Database>, opts: { defaultTimezone: string; clock?: () => Date }): CommandServices {
  return {
    db,
    topics: createTopicDirectory(db),
    defaultTimezone: opts.defaultTimezone,
    clock: opts.clock ?? (() => new Date()),
  };
}
