import type { Chat, User } from "grammy/types";
import type { ChatKind, CommandContext, CommandServices } from "../../../commands/types.js";
import { UserError } from "../../../commands/user-error.js";
import type { AdminCheck } from "./admin-check.js";

/** Who acted where: from a message, a channel post or a button press. */
export interface TelegramCaller {
  chat: Chat;
  /** Forum topic the message is in (only when it really is a topic message). */
  threadId: number | undefined;
  /** The person; absent on channel posts. */
  from: User | undefined;
  /** Set when a chat speaks for itself: channel posts and anonymous group admins. */
  senderChat: Chat | undefined;
}

export interface ContextDeps {
  services: CommandServices;
  admins: AdminCheck;
  resolveChannel(ref: string, callerId: number): Promise<{ id: string; title: string; threadId: null }>;
}

export function chatKind(type: Chat["type"]): ChatKind {
  if (type === "private") return "private";
  return type === "channel" ? "channel" : "group";
}

const chatTitle = (chat: Chat) => ("title" in chat && chat.title ? chat.title : [chat.first_name, chat.last_name].filter(Boolean).join(" ") || String(chat.id));
const userName = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username || String(user.id);

/**
 * The CommandContext for one Telegram caller. Permissions: anyone in a private chat; the chat
 * itself (a channel post, an anonymous admin); otherwise Telegram must say creator or administrator.
 */
export function commandContextFor(caller: TelegramCaller, deps: ContextDeps): CommandContext {
  const { chat, from } = caller;
  const kind = chatKind(chat.type);
  // Only a channel's admins can post in it, and anonymous admins post as the group itself.
  const speaksForChat = caller.senderChat?.id === chat.id;
  const user = from && !speaksForChat ? { id: String(from.id), name: userName(from) } : { id: String(chat.id), name: chatTitle(chat) };
  return {
    platform: "telegram",
    chat: { id: String(chat.id), threadId: caller.threadId === undefined ? null : String(caller.threadId), kind, title: chatTitle(chat) },
    user,
    canManage: async () => kind === "private" || speaksForChat || (from !== undefined && deps.admins.isAdmin(chat.id, from.id)),
    resolveTargetChat: async (ref) => {
      if (!from || speaksForChat) throw new UserError("Send this command to me in a private chat: I need to know who you are to check you administer the channel.");
      return deps.resolveChannel(ref, from.id);
    },
    services: deps.services,
  };
}
