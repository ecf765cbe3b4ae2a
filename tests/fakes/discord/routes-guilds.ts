// Guild lookups the bot may make: the guild, its channels and roles, one member.
import type { FakeContext } from "./context.js";
import { missingAccess, unknownGuild, unknownMember } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import { anyUserPayload, channelPayload, guildPayload, memberPayload, rolePayload } from "./payloads.js";
import { ok } from "./route.js";
import type { Route } from "./route.js";
import type { PathParams } from "./route-pattern.js";
import { guildChannels } from "./world.js";
import type { GuildRecord } from "./world.js";

export function guildRoutes(context: FakeContext): Route[] {
  const { world } = context;

  function withGuild(params: PathParams, answer: (guild: GuildRecord) => FakeReply): FakeReply {
    const guild = world.guilds.get(params.guildId ?? "");
    if (!guild) return unknownGuild();
    if (!guild.botIsMember) return missingAccess();
    return answer(guild);
  }

  return [
    {
      method: "GET",
      pattern: "/guilds/:guildId",
      auth: "bot",
      handle: ({ params }) => withGuild(params, (guild) => ok(guildPayload(guild))),
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/channels",
      auth: "bot",
      handle: ({ params }) => withGuild(params, (guild) => ok(guildChannels(world, guild.id).map(channelPayload))),
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/roles",
      auth: "bot",
      handle: ({ params }) => withGuild(params, (guild) => ok([...guild.roles.values()].map(rolePayload))),
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/members/:userId",
      auth: "bot",
      handle: ({ params }) =>
        withGuild(params, (guild) => {
          const userId = params.userId ?? "";
          if (!guild.memberIds.has(userId)) return unknownMember();
          return ok(memberPayload(guild, anyUserPayload(world, userId)));
        }),
    },
  ];
}
