import { GrammyError, type Api } from "grammy";
import type { ChatFullInfo } from "grammy/types";
import { UserError } from "../../../commands/user-error.js";

export interface ResolvedChannel {
  id: string;
  title: string;
  threadId: null;
}

/** "@name", "name", "t.me/name" or a numeric id, as getChat wants it; undefined if it is none of them. */
export function channelRef(input: string): string | number | undefined {
  const ref = input.trim().replace(/^(https?:\/\/)?t\.me\//i, "");
  if (/^-?\d{1,20}$/.test(ref)) return Number(ref);
  const name = ref.replace(/^@/, "");
  return /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name) ? `@${name}` : undefined;
}

async function getChannel(api: Api, ref: string | number, shown: string): Promise<ChatFullInfo> {
  try {
    return await api.getChat(ref);
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 400) {
      throw new UserError(`I can't find the channel ${shown}. Check the name, add me to the channel as an administrator, then try again.`);
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      throw new UserError(`I am not a member of ${shown}. Add me to the channel as an administrator who can post messages, then try again.`);
    }
    throw new UserError("Telegram did not answer while I was checking the channel. Please try again in a minute.");
  }
}

async function memberStatus(api: Api, chatId: number, userId: number) {
  try {
    return await api.getChatMember(chatId, userId);
  } catch {
    throw new UserError("Telegram did not answer while I was checking the channel's administrators. Please try again in a minute.");
  }
}

/**
 * The check behind `/subscribe <topic> channel:@name`: the channel exists, the caller administers
 * it, and the bot may post there. Each refusal says what to change.
 */
export async function resolveChannel(api: Api, input: string, callerId: number, botId: number): Promise<ResolvedChannel & { type: ChatFullInfo["type"] }> {
  const ref = channelRef(input);
  if (ref === undefined) throw new UserError(`"${input}" is not a channel: use its @name or numeric id, e.g. channel:@mychannel.`);
  const chat = await getChannel(api, ref, String(ref));
  const title = chat.title ?? String(ref);
  if (chat.type !== "channel") {
    throw new UserError(`${title} is a ${chat.type === "private" ? "private chat" : "group"}, not a channel. To subscribe a group, send /subscribe in that group.`);
  }
  const caller = await memberStatus(api, chat.id, callerId);
  if (caller.status !== "creator" && caller.status !== "administrator") {
    throw new UserError(`Only administrators of ${title} can subscribe it.`);
  }
  const bot = await memberStatus(api, chat.id, botId);
  const canPost = bot.status === "creator" || (bot.status === "administrator" && bot.can_post_messages === true);
  if (!canPost) throw new UserError(`I need to be an administrator of ${title} with the right to post messages. Change that in the channel's settings, then try again.`);
  return { id: String(chat.id), title, threadId: null, type: chat.type };
}
