import { createHash } from "node:crypto";
import { Routes, type APIApplication, type REST } from "discord.js";
import type { Kysely } from "kysely";
import { commands } from "../../../commands/index.js";
import { getKv, setKv } from "../../db/kv-queries.js";
import type { Database } from "../../db/schema.js";
import { buildSlashCommands } from "./slash-commands.js";

/** kv key holding the fingerprint of what was last registered. */
export const COMMANDS_VERSION_KEY = "discord.commands.version";

export interface RegistrationTarget {
  applicationId: string;
  /** Register in this server only (instant, for testing); global otherwise. */
  guildId: string | undefined;
}

export interface RegistrationOutcome {
  scope: string;
  names: string[];
}

const scopeOf = (target: RegistrationTarget) => (target.guildId ? `guild ${target.guildId}` : "global");

/**
 * What was registered, where: the shared definitions' version, the exact JSON (our mapping to
 * Discord can change without the definitions changing) and the scope and application.
 */
function fingerprint(target: RegistrationTarget, commandsVersion: string, body: unknown): string {
  const json = JSON.stringify({ commandsVersion, body, scope: scopeOf(target), applicationId: target.applicationId });
  return createHash("sha256").update(json).digest("hex").slice(0, 24);
}

function commandBody(target: RegistrationTarget) {
  return buildSlashCommands(commands, { global: target.guildId === undefined });
}

/** Bulk-overwrites the application's commands (Discord keeps ids of commands that stay) and records it. */
export async function registerCommands(rest: REST, db: Kysely<Database>, target: RegistrationTarget, commandsVersion: string): Promise<RegistrationOutcome> {
  const body = commandBody(target);
  const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
  await setKv(db, COMMANDS_VERSION_KEY, fingerprint(target, commandsVersion, body));
  return { scope: scopeOf(target), names: body.map((c) => c.name) };
}

/** Start-up: registers only when something changed since the last registration, sparing Discord's write limits. */
export async function registerCommandsIfChanged(
  rest: REST,
  db: Kysely<Database>,
  target: RegistrationTarget,
  commandsVersion: string,
): Promise<RegistrationOutcome | "unchanged"> {
  const stored = await getKv(db, COMMANDS_VERSION_KEY);
  if (stored === fingerprint(target, commandsVersion, commandBody(target))) return "unchanged";
  return registerCommands(rest, db, target, commandsVersion);
}

/** The configured application id, or the one the token belongs to. */
export async function resolveApplicationId(rest: REST, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  return application.id;
}
