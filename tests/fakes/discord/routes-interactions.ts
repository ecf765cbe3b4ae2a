// Answering interactions: the one callback (within the deadline), then edits and follow-ups
// through the interaction's webhook token.
import { InteractionResponseType } from "discord-api-types/v10";
import type { FakeContext } from "./context.js";
import {
  alreadyAcknowledged,
  discordError,
  invalidFormBody,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import { interactionStatus } from "./interaction-state.js";
import { asObject, checkMessageBody } from "./message-body.js";
import { createMessage, editMessage, MessageFlag } from "./messages.js";
import { messagePayload } from "./payloads.js";
import { noContent, ok } from "./route.js";
import type { Route } from "./route.js";
import type { PathParams } from "./route-pattern.js";
import type { InteractionRecord, JsonObject, MessageRecord } from "./world.js";

const invalidCallback = (message: string): FakeReply =>
  invalidFormBody({ type: { _errors: [{ code: "INTERACTION_CALLBACK_INVALID", message }] } });

function isEphemeral(data: JsonObject): boolean {
  return typeof data.flags === "number" && (data.flags & MessageFlag.Ephemeral) !== 0;
}

export function interactionRoutes(context: FakeContext): Route[] {
  const { world, stats, settings } = context;

  function channelOf(record: InteractionRecord) {
    const channel = world.channels.get(record.channelId);
    if (!channel) throw new Error(`fake Discord: interaction ${record.id} names unknown channel ${record.channelId}`);
    return channel;
  }

  function reply(record: InteractionRecord, data: JsonObject, now: number, extraFlags = 0): MessageRecord {
    return createMessage(world, {
      channel: channelOf(record),
      body: data,
      source: "interaction",
      interactionId: record.id,
      extraFlags,
      now,
    });
  }

  /** Carries out one callback type; returns the message it created or changed, or a 400. */
  function respond(record: InteractionRecord, type: number, data: JsonObject, now: number): MessageRecord | null | FakeReply {
    const component = record.componentMessageId ? world.messages.get(record.componentMessageId) : undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return checkMessageBody(data, true) ?? reply(record, data, now);
      case InteractionResponseType.DeferredChannelMessageWithSource:
        return reply(record, { flags: data.flags ?? 0 }, now, MessageFlag.Loading);
      case InteractionResponseType.DeferredMessageUpdate:
        return component ?? invalidCallback("Only component interactions can defer an update.");
      case InteractionResponseType.UpdateMessage: {
        if (!component) return invalidCallback("Only component interactions can update their message.");
        const invalid = checkMessageBody(data, false);
        if (invalid) return invalid;
        editMessage(component, data, now);
        return component;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        if (record.kind !== "autocomplete") return invalidCallback("Only autocomplete interactions take choices.");
        const choices = data.choices;
        if (!Array.isArray(choices) || choices.length > 25) {
          return invalidFormBody({ data: { choices: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } } });
        }
        return null;
      }
      case InteractionResponseType.Modal:
        return null;
      default:
        return invalidCallback(`Unsupported callback type ${type}.`);
    }
  }

  function callback(params: PathParams, body: JsonObject, query: URLSearchParams, now: number): FakeReply {
    const record = world.interactions.get(params.interactionId ?? "");
    if (!record || record.token !== params.token) return unknownInteraction();
    if (record.acknowledgedAt !== null) return alreadyAcknowledged();
    if (interactionStatus(record, settings, now) === "failed") {
      record.lateCallbackAt = now;
      return unknownInteraction();
    }
    const type = typeof body.type === "number" ? body.type : -1;
    const data = asObject(body.data);
    const outcome = respond(record, type, data, now);
    if (outcome && "status" in outcome) return outcome;

    record.acknowledgedAt = now;
    record.originalMessageId = outcome?.id ?? null;
    record.responses.push({ kind: "callback", type, data, messageId: outcome?.id, ephemeral: isEphemeral(data), at: now });
    stats.interactionCallbacks += 1;
    if (query.get("with_response") !== "true") return noContent();
    return ok({
      interaction: {
        id: record.id,
        type: record.kind === "autocomplete" ? 4 : record.kind === "button" ? 3 : 2,
        activity_instance_id: null,
        response_message_id: outcome?.id ?? null,
        response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
        response_message_ephemeral: outcome?.ephemeral ?? false,
      },
      resource: outcome ? { type, message: messagePayload(world, outcome) } : { type },
    });
  }

  /** The interaction behind a webhook URL, while its token still works and after it was acknowledged. */
  function byToken(params: PathParams, now: number): InteractionRecord | FakeReply {
    const record = world.interactionsByToken.get(params.token ?? "");
    if (!record || params.applicationId !== world.identity.applicationId) return unknownWebhook();
    if (now - record.dispatchedAt > settings.interactionTokenTtlMs) return discordError(401, 50027, "Invalid Webhook Token");
    if (record.acknowledgedAt === null) return unknownWebhook();
    return record;
  }

  function messageOf(record: InteractionRecord, messageId: string): MessageRecord | undefined {
    const id = messageId === "@original" ? record.originalMessageId : messageId;
    const message = id ? world.messages.get(id) : undefined;
    const belongs = message && (message.id === record.originalMessageId || message.interactionId === record.id);
    return belongs && !message.deleted ? message : undefined;
  }

  /** Runs `act` on the webhook's message, or answers with why it cannot. */
  function onMessage(params: PathParams, now: number, act: (record: InteractionRecord, message: MessageRecord) => FakeReply): FakeReply {
    const record = byToken(params, now);
    if ("status" in record) return record;
    const message = messageOf(record, params.messageId ?? "");
    return message ? act(record, message) : unknownMessage();
  }

  const webhookMessage = "/webhooks/:applicationId/:token/messages/:messageId";
  return [
    {
      method: "POST",
      pattern: "/interactions/:interactionId/:token/callback",
      auth: "none",
      handle: ({ params, body, query, now }) => callback(params, body, query, now),
    },
    {
      method: "GET",
      pattern: webhookMessage,
      auth: "none",
      handle: ({ params, now }) => onMessage(params, now, (_record, message) => ok(messagePayload(world, message))),
    },
    {
      method: "PATCH",
      pattern: webhookMessage,
      auth: "none",
      handle: ({ params, body, now }) =>
        onMessage(params, now, (record, message) => {
          const invalid = checkMessageBody(body, false);
          if (invalid) return invalid;
          editMessage(message, body, now);
          record.responses.push({ kind: "edit", data: body, messageId: message.id, ephemeral: message.ephemeral, at: now });
          stats.messagesEdited += 1;
          return ok(messagePayload(world, message));
        }),
    },
    {
      method: "DELETE",
      pattern: webhookMessage,
      auth: "none",
      handle: ({ params, now }) =>
        onMessage(params, now, (record, message) => {
          message.deleted = true;
          record.responses.push({ kind: "delete", messageId: message.id, ephemeral: message.ephemeral, at: now });
          stats.messagesDeleted += 1;
          return noContent();
        }),
    },
    {
      method: "POST",
      pattern: "/webhooks/:applicationId/:token",
      auth: "none",
      handle: ({ params, body, query, now }) => {
        const record = byToken(params, now);
        if ("status" in record) return record;
        const invalid = checkMessageBody(body, true);
        if (invalid) return invalid;
        const message = reply(record, body, now);
        record.responses.push({ kind: "followup", data: body, messageId: message.id, ephemeral: message.ephemeral, at: now });
        stats.followUps += 1;
        return query.get("wait") === "true" ? ok(messagePayload(world, message)) : noContent();
      },
    },
  ];
}
