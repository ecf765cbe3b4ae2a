import type { Kysely } from "kysely";
import type { Database } from "../src/db/schema.js";
import type { TopicDirectory } from "../src/topics/topic-directory.js";
import type { Reply } from "./reply.js";

/** Everything a handler may use; built once in main.ts / cli.ts and passed in. */
export interface CommandServices {
  db: Kysely<Database>;
  topics: TopicDirectory;
  defaultTimezone: string;
  clock: () => Date;
  /** Per-user budget for /search (e.g. 10 a minute); keys are "platform:user". */
  searchLimiter: { take(key: string): { ok: true } | { ok: false; waitMs: number } };
}

export type ChatKind = "private" | "group" | "channel";

export interface CommandContext {
  platform: string;
  chat: { id: string; threadId: string | null; kind: ChatKind; title?: string };
  user: { id: string; name: string };
  /** Whether the caller may change this chat's subscriptions (admins in groups, anyone in private). */
  canManage: () => Promise<boolean>;
  /**
   * Resolves another chat the caller wants to manage from here (a Telegram channel by @name or id,
   * a Discord channel option): the adapter checks the caller administers it and the bot can post
   * there, and throws a UserError saying what is missing otherwise. Absent where unsupported.
   */
  resolveTargetChat?: (ref: string) => Promise<{ id: string; title: string; threadId?: string | null }>;
  services: CommandServices;
}

export interface OptionDefinition {
  readonly name: string;
  readonly description: string;
  readonly type: "string" | "integer";
  readonly required: boolean;
  /** Takes the rest of the line on text platforms (queries, topic names with spaces). */
  readonly rest?: boolean;
  /** Where suggestions come from on platforms with autocomplete. */
  readonly autocomplete?: "topic" | "subscription";
  readonly min?: number;
  readonly max?: number;
}

type ValueOf<O extends OptionDefinition> = O["type"] extends "integer" ? number : string;

/** The handler's argument object, inferred from the option definitions. */
export type ArgsOf<Os extends readonly OptionDefinition[]> = {
  [O in Os[number] as O["name"]]: O["required"] extends true ? ValueOf<O> : ValueOf<O> | undefined;
};

export interface CommandDefinition<Os extends readonly OptionDefinition[] = readonly OptionDefinition[]> {
  /** 1–32 characters of a-z, 0-9 and _ (Telegram's and Discord's common ground). */
  readonly name: string;
  readonly description: string;
  /** Shown after a bad argument, e.g. "/subscribe <topic or query>". */
  readonly usage: string;
  readonly options: Os;
  /** "manage": only people who may change the chat's subscriptions. */
  readonly permission: "anyone" | "manage";
  /** May take longer than a second: Discord defers the reply. */
  readonly slow?: boolean;
  handle(ctx: CommandContext, args: ArgsOf<Os>): Promise<Reply>;
}

/** Identity function that keeps option names and types literal for `ArgsOf`. */
export function defineCommand<const Os extends readonly OptionDefinition[]>(def: CommandDefinition<Os>): CommandDefinition<Os> {
  return def;
}

// Handlers are stored type-erased; `parseArgs` produces values that fit their own definitions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDefinition<any>;
