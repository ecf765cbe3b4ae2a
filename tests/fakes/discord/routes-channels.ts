// Channel and message routes, including crossposting from announcement channels.
import { PermissionFlagsBits } from "discord-api-types/v10";
import { accessChannel } from "./channel-access.js";
import type { FakeContext } from "./context.js";
import {
  alreadyCrossposted,
  missingPermissions,
  unknownMessage,
  wrongChannelType,
} from "./discord-errors.js";
import { checkMessageBody } from "./message-body.js";
import { createMessage, editMessage, MessageFlag } from "./messages.js";
import { channelPayload, messagePayload } from "./payloads.js";
import { OPEN_WINDOW } from "./rate-limits.js";
import { noContent, ok } from "./route.js";
import type { Route } from "./route.js";
import type { PathParams } from "./route-pattern.js";
import type { JsonObject } from "./world.js";

const { SendMessages, EmbedLinks, ReadMessageHistory } = PermissionFlagsBits;

function hasEmbeds(body: JsonObject): boolean {
  return Array.isArray(body.embeds) && body.embeds.length > 0;
}

export function channelRoutes(context: FakeContext): Route[] {
  const { world, stats } = context;

  function findMessage(params: PathParams) {
    const message = world.messages.get(params.messageId ?? "");
    return message && !message.deleted && message.channelId === params.channelId ? message : undefined;
  }

  return [
    {
      method: "GET",
      pattern: "/channels/:channelId",
      auth: "bot",
      handle: ({ params }) => {
        const access = accessChannel(world, params.channelId ?? "");
        return access.allowed ? ok(channelPayload(access.channel)) : access.reply;
      },
    },
    {
      method: "GET",
      pattern: "/channels/:channelId/messages/:messageId",
      auth: "bot",
      handle: ({ params }) => {
        const access = accessChannel(world, params.channelId ?? "", ReadMessageHistory);
        if (!access.allowed) return access.reply;
        const message = findMessage(params);
        return message ? ok(messagePayload(world, message)) : unknownMessage();
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channelId/messages",
      auth: "bot",
      bucket: (params) => {
        const perChannel = context.settings.rateLimits.perChannel;
        return {
          key: `messages:${params.channelId}`,
          hash: "fake-channel-messages",
          window: perChannel ?? OPEN_WINDOW,
          enforced: perChannel !== null,
        };
      },
      handle: ({ params, body, now }) => {
        const access = accessChannel(world, params.channelId ?? "", SendMessages);
        if (!access.allowed) return access.reply;
        // Bots need Embed Links for their embeds; the fake refuses rather than silently dropping them.
        if (hasEmbeds(body) && !(access.permissions & EmbedLinks)) return missingPermissions();
        const invalid = checkMessageBody(body, true);
        if (invalid) return invalid;
        const flags = typeof body.flags === "number" ? body.flags & ~MessageFlag.Ephemeral : 0;
        const message = createMessage(world, { channel: access.channel, body: { ...body, flags }, source: "channel", now });
        stats.messagesPosted += 1;
        return ok(messagePayload(world, message));
      },
    },
    {
      method: "PATCH",
      pattern: "/channels/:channelId/messages/:messageId",
      auth: "bot",
      handle: ({ params, body, now }) => {
        const access = accessChannel(world, params.channelId ?? "");
        if (!access.allowed) return access.reply;
        const message = findMessage(params);
        if (!message) return unknownMessage();
        if (hasEmbeds(body) && !(access.permissions & EmbedLinks)) return missingPermissions();
        const invalid = checkMessageBody(body, false);
        if (invalid) return invalid;
        editMessage(message, body, now);
        stats.messagesEdited += 1;
        return ok(messagePayload(world, message));
      },
    },
    {
      method: "DELETE",
      pattern: "/channels/:channelId/messages/:messageId",
      auth: "bot",
      handle: ({ params }) => {
        const access = accessChannel(world, params.channelId ?? "");
        if (!access.allowed) return access.reply;
        const message = findMessage(params);
        if (!message) return unknownMessage();
        message.deleted = true;
        stats.messagesDeleted += 1;
        return noContent();
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channelId/messages/:messageId/crosspost",
      auth: "bot",
      bucket: (params) => ({
        key: `crosspost:${params.channelId}`,
        hash: "fake-crosspost",
        window: context.settings.rateLimits.crosspost,
        enforced: true,
      }),
      handle: ({ params }) => {
        const access = accessChannel(world, params.channelId ?? "", SendMessages);
        if (!access.allowed) return access.reply;
        if (access.channel.type !== 5) return wrongChannelType();
        const message = findMessage(params);
        if (!message) return unknownMessage();
        if (message.crossposted) return alreadyCrossposted();
        message.crossposted = true;
        message.flags |= MessageFlag.Crossposted;
        stats.crossposts += 1;
        return ok(messagePayload(world, message));
      },
    },
  ];
}
