// Creating and editing stored messages. Edits apply only the fields a PATCH body carries, as on Discord.
import { asObject } from "./message-body.js";
import type { ChannelRecord, JsonObject, MessageRecord, World } from "./world.js";

export const MessageFlag = { Crossposted: 1, Ephemeral: 64, Loading: 128 } as const;

export interface NewMessage {
  channel: ChannelRecord;
  body: JsonObject;
  source: MessageRecord["source"];
  interactionId?: string;
  extraFlags?: number;
  now: number;
}

function arrayOfObjects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}

export function createMessage(world: World, input: NewMessage): MessageRecord {
  const flags = (typeof input.body.flags === "number" ? input.body.flags : 0) | (input.extraFlags ?? 0);
  const message: MessageRecord = {
    id: world.nextId(),
    channelId: input.channel.id,
    guildId: input.channel.guildId,
    source: input.source,
    interactionId: input.interactionId ?? null,
    content: typeof input.body.content === "string" ? input.body.content : "",
    embeds: arrayOfObjects(input.body.embeds),
    components: arrayOfObjects(input.body.components),
    allowedMentions: input.body.allowed_mentions === undefined ? null : asObject(input.body.allowed_mentions),
    flags,
    ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
    crossposted: false,
    deleted: false,
    createdAt: input.now,
    editedAt: null,
    bodies: [input.body],
  };
  world.messages.set(message.id, message);
  return message;
}

export function editMessage(message: MessageRecord, body: JsonObject, now: number): void {
  if (typeof body.content === "string" || body.content === null) message.content = body.content ?? "";
  if (body.embeds !== undefined) message.embeds = arrayOfObjects(body.embeds);
  if (body.components !== undefined) message.components = arrayOfObjects(body.components);
  if (body.allowed_mentions !== undefined) message.allowedMentions = asObject(body.allowed_mentions);
  // Only the editable flag bits change; ephemeral and crossposted are facts about the message.
  const kept = message.flags & (MessageFlag.Crossposted | MessageFlag.Ephemeral);
  if (typeof body.flags === "number") message.flags = kept | (body.flags & ~MessageFlag.Ephemeral);
  // The first edit of a deferred reply is the reply itself.
  message.flags &= ~MessageFlag.Loading;
  message.editedAt = now;
  message.bodies.push(body);
}
