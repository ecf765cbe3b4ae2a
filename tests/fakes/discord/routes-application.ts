// Login-time routes and command registration: gateway URL, the bot user, the application.
import { checkCommandList, overwriteCommands } from "./application-commands.js";
import type { FakeContext } from "./context.js";
import { missingAccess, unknownApplication } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import { botUserPayload } from "./payloads.js";
import { ok } from "./route.js";
import type { Route } from "./route.js";
import type { PathParams } from "./route-pattern.js";

export function applicationRoutes(context: FakeContext): Route[] {
  const { world } = context;
  const { identity } = world;

  /** Null when the path names our application (and, for guild commands, a guild the bot is in). */
  function refuse(params: PathParams): FakeReply | null {
    if (params.applicationId !== identity.applicationId) return unknownApplication();
    if (params.guildId !== undefined && !world.guilds.get(params.guildId)?.botIsMember) return missingAccess();
    return null;
  }

  const commandsOf = (params: PathParams) =>
    params.guildId === undefined ? world.globalCommands : world.guildCommands.get(params.guildId);

  function putCommands(params: PathParams, list: unknown): FakeReply {
    const refused = refuse(params) ?? checkCommandList(list);
    if (refused) return refused;
    const set = overwriteCommands(commandsOf(params), list as unknown[], {
      applicationId: identity.applicationId,
      guildId: params.guildId,
      nextId: world.nextId,
    });
    if (params.guildId === undefined) world.globalCommands = set;
    else world.guildCommands.set(params.guildId, set);
    return ok(set.commands);
  }

  return [
    {
      method: "GET",
      pattern: "/gateway/bot",
      auth: "bot",
      handle: () =>
        ok({
          url: context.gatewayUrl,
          shards: context.settings.recommendedShards,
          session_start_limit: {
            total: 1000,
            remaining: Math.max(0, 1000 - context.stats.identifies),
            reset_after: 24 * 60 * 60 * 1000,
            max_concurrency: 1,
          },
        }),
    },
    { method: "GET", pattern: "/gateway", auth: "none", handle: () => ok({ url: context.gatewayUrl }) },
    { method: "GET", pattern: "/users/@me", auth: "bot", handle: () => ok(botUserPayload(world)) },
    {
      method: "GET",
      pattern: "/applications/@me",
      auth: "bot",
      handle: () =>
        ok({
          id: identity.applicationId,
          name: identity.botUsername,
          icon: null,
          description: "",
          summary: "",
          type: null,
          bot: botUserPayload(world),
          bot_public: true,
          bot_require_code_grant: false,
          verify_key: "0".repeat(64),
          flags: 0,
          flags_new: "0",
          team: null,
          owner: { id: "0", username: "owner", discriminator: "0", global_name: null, avatar: null },
        }),
    },
    {
      method: "GET",
      pattern: "/applications/:applicationId/commands",
      auth: "bot",
      handle: ({ params }) => refuse(params) ?? ok(commandsOf(params)?.commands ?? []),
    },
    {
      method: "PUT",
      pattern: "/applications/:applicationId/commands",
      auth: "bot",
      handle: ({ params, rawBody }) => putCommands(params, rawBody),
    },
    {
      method: "GET",
      pattern: "/applications/:applicationId/guilds/:guildId/commands",
      auth: "bot",
      handle: ({ params }) => refuse(params) ?? ok(commandsOf(params)?.commands ?? []),
    },
    {
      method: "PUT",
      pattern: "/applications/:applicationId/guilds/:guildId/commands",
      auth: "bot",
      handle: ({ params, rawBody }) => putCommands(params, rawBody),
    },
  ];
}
