// The chats, users and memberships a test sets up, and the Bot API objects built from them.
import type { Chat, ChatMember, ChatMemberAdministrator, ChatMemberRestricted, User } from "grammy/types";

export type ChatType = Chat["type"];
export type MemberStatus = ChatMember["status"];
/** Extra ChatMember fields for the statuses that have them (rights, until_date, custom_title, …). */
export type MemberExtra = Partial<Omit<ChatMemberAdministrator, "status" | "user">> &
  Partial<Omit<ChatMemberRestricted, "status" | "user">>;

export interface ChatSpec {
  id: number;
  type: ChatType;
  /** Groups, supergroups and channels; defaults to "Chat <id>". */
  title?: string;
  username?: string;
  /** Private chats; defaults to the user's name. */
  first_name?: string;
  last_name?: string;
  /** Supergroups with topics: messages may carry message_thread_id. */
  is_forum?: boolean;
}

export interface UserSpec {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

export interface Membership {
  status: MemberStatus;
  extra: MemberExtra;
}

export interface World {
  readonly bot: User;
  readonly chats: Map<number, ChatSpec>;
  readonly users: Map<number, User>;
  readonly members: Map<number, Map<number, Membership>>;
  /** Old group id → supergroup id, after migrateChat. */
  readonly migratedTo: Map<number, number>;
}

export function createWorld(bot: User): World {
  return { bot, chats: new Map(), users: new Map([[bot.id, bot]]), members: new Map(), migratedTo: new Map() };
}

export function addUser(world: World, spec: UserSpec): User {
  const user: User = { ...spec, is_bot: spec.is_bot ?? false };
  world.users.set(user.id, user);
  return user;
}

/** A private chat's id is its user's id; adding one also adds the user if it is new. */
export function addChat(world: World, spec: ChatSpec): ChatSpec {
  let chat = { ...spec };
  if (chat.type === "private") {
    const user = world.users.get(chat.id) ??
      addUser(world, { id: chat.id, first_name: chat.first_name ?? `User ${chat.id}`, last_name: chat.last_name, username: chat.username });
    chat = { ...chat, first_name: chat.first_name ?? user.first_name, last_name: chat.last_name ?? user.last_name, username: chat.username ?? user.username };
  } else {
    chat.title ??= `Chat ${chat.id}`;
  }
  world.chats.set(chat.id, chat);
  return chat;
}

export function setMembership(world: World, chatId: number, userId: number, status: MemberStatus, extra: MemberExtra = {}): void {
  if (!world.chats.has(chatId)) throw new Error(`setMember: unknown chat ${chatId}; call addChat first`);
  if (!world.users.has(userId)) throw new Error(`setMember: unknown user ${userId}; call addUser first`);
  let chatMembers = world.members.get(chatId);
  if (!chatMembers) world.members.set(chatId, (chatMembers = new Map()));
  chatMembers.set(userId, { status, extra });
}

/**
 * Without an explicit setMember: the bot is an ordinary member of private chats and groups and a
 * posting administrator of channels (so sending works); users are members of groups they are in.
 */
export function membershipOf(world: World, chat: ChatSpec, userId: number): Membership {
  const explicit = world.members.get(chat.id)?.get(userId);
  if (explicit) return explicit;
  if (userId === world.bot.id) {
    return chat.type === "channel" ? { status: "administrator", extra: { can_post_messages: true } } : { status: "member", extra: {} };
  }
  if (chat.type === "private") return { status: chat.id === userId ? "member" : "left", extra: {} };
  return { status: chat.type === "channel" ? "left" : "member", extra: {} };
}

/** Moves a group to a new supergroup id, carrying its title and members over. */
export function migrateChat(world: World, oldId: number, newId: number): ChatSpec {
  const old = world.chats.get(oldId);
  if (!old) throw new Error(`migrateChat: unknown chat ${oldId}; call addChat first`);
  const supergroup = world.chats.get(newId) ?? addChat(world, { id: newId, type: "supergroup", title: old.title });
  const members = world.members.get(oldId);
  if (members) world.members.set(newId, new Map(members));
  world.migratedTo.set(oldId, newId);
  return supergroup;
}

export function findChat(world: World, chatId: number | string): ChatSpec | undefined {
  if (typeof chatId === "number") return world.chats.get(chatId);
  const username = chatId.slice(1).toLowerCase();
  return [...world.chats.values()].find((chat) => chat.type !== "private" && chat.username?.toLowerCase() === username);
}

/** The Chat object that appears inside messages. */
export function chatObject(chat: ChatSpec): Chat {
  const { id } = chat;
  const title = chat.title ?? `Chat ${id}`;
  const username = chat.username === undefined ? {} : { username: chat.username };
  switch (chat.type) {
    case "private":
      return { id, type: "private", first_name: chat.first_name ?? `User ${id}`, ...(chat.last_name ? { last_name: chat.last_name } : {}), ...username };
    case "group":
      return { id, type: "group", title };
    case "supergroup":
      return { id, type: "supergroup", title, ...username, ...(chat.is_forum ? { is_forum: true } : {}) };
    case "channel":
      return { id, type: "channel", title, ...username };
  }
}

const adminDefaults: Omit<ChatMemberAdministrator, "status" | "user"> = {
  can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: false,
  can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false,
  can_change_info: false, can_invite_users: false, can_post_stories: false, can_edit_stories: false,
  can_delete_stories: false, can_send_welcome_messages: false,
};

const restrictedDefaults: Omit<ChatMemberRestricted, "status" | "user"> = {
  is_member: true, can_send_messages: false, can_send_audios: false, can_send_documents: false,
  can_send_photos: false, can_send_videos: false, can_send_video_notes: false, can_send_voice_notes: false,
  can_send_polls: false, can_send_other_messages: false, can_add_web_page_previews: false,
  can_react_to_messages: false, can_change_info: false, can_invite_users: false, can_edit_tag: false,
  can_pin_messages: false, can_manage_topics: false, until_date: 0,
};

export function chatMemberObject(user: User, { status, extra }: Membership): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: extra.is_anonymous ?? false, ...(extra.custom_title ? { custom_title: extra.custom_title } : {}) };
    case "administrator":
      return { ...adminDefaults, ...extra, status, user } as ChatMemberAdministrator;
    case "member":
      return { status, user, ...(extra.until_date ? { until_date: extra.until_date } : {}) };
    case "restricted":
      return { ...restrictedDefaults, ...extra, status, user } as ChatMemberRestricted;
    case "left":
      return { status, user };
    case "kicked":
      return { status, user, until_date: extra.until_date ?? 0 };
  }
}
