import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { ChatSettingsTable, Database } from "./schema.js";

/** A chat's delivery settings as stored; times of day stay text ("08:00,18:00") for the pipeline to parse. */
export interface ChatSettings {
  platform: string;
  chatId: string;
  timezone: string | null;
  digestTimes: string | null;
  digestSince: number | null;
  lastDigestAt: number | null;
  quietStart: string | null;
  quietEnd: string | null;
  quietBreaking: boolean;
  mutedUntil: number | null;
  updatedAt: number;
}

export type ChatSettingsPatch = Partial<Omit<ChatSettings, "platform" | "chatId" | "updatedAt">>;

type Chat = { platform: string; chatId: string };

const num = (v: number | null) => (v === null ? null : Number(v));

function fromRow(row: Selectable<ChatSettingsTable>): ChatSettings {
  return {
    platform: row.platform,
    chatId: row.chat_id,
    timezone: row.timezone,
    digestTimes: row.digest_times,
    digestSince: num(row.digest_since),
    lastDigestAt: num(row.last_digest_at),
    quietStart: row.quiet_start,
    quietEnd: row.quiet_end,
    quietBreaking: row.quiet_breaking === 1,
    mutedUntil: num(row.muted_until),
    updatedAt: Number(row.updated_at),
  };
}

function toColumns(patch: ChatSettingsPatch): Updateable<ChatSettingsTable> {
  const columns: Updateable<ChatSettingsTable> = {};
  if (patch.timezone !== undefined) columns.timezone = patch.timezone;
  if (patch.digestTimes !== undefined) columns.digest_times = patch.digestTimes;
  if (patch.digestSince !== undefined) columns.digest_since = patch.digestSince;
  if (patch.lastDigestAt !== undefined) columns.last_digest_at = patch.lastDigestAt;
  if (patch.quietStart !== undefined) columns.quiet_start = patch.quietStart;
  if (patch.quietEnd !== undefined) columns.quiet_end = patch.quietEnd;
  if (patch.quietBreaking !== undefined) columns.quiet_breaking = patch.quietBreaking ? 1 : 0;
  if (patch.mutedUntil !== undefined) columns.muted_until = patch.mutedUntil;
  return columns;
}

export async function getChatSettings(db: Kysely<Database>, chat: Chat): Promise<ChatSettings | undefined> {
  const row = await db.selectFrom("chat_settings").selectAll().where("platform", "=", chat.platform).where("chat_id", "=", chat.chatId).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function allChatSettings(db: Kysely<Database>): Promise<ChatSettings[]> {
  const rows = await db.selectFrom("chat_settings").selectAll().execute();
  return rows.map(fromRow);
}

// A counter bumped with every change: timestamps alone miss two changes in one millisecond.
const REVISION_KEY = "chat_settings.revision";

/** Changes whenever a chat's settings change: lets the watcher cache them all. */
export async function chatSettingsVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom("kv").select("value").where("key", "=", REVISION_KEY).executeTakeFirst();
  return row?.value ?? "0";
}

/** Tells `chatSettingsVersion` readers that some chat's settings changed; call it in the changing transaction. */
export async function bumpChatSettingsRevision(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await db.insertInto("kv").values({ key: REVISION_KEY, value: "0", updated_at: now }).onConflict((oc) => oc.column("key").doNothing()).execute();
  await db
    .updateTable("kv")
    .set({ value: sql<string>`cast(cast(value as integer) + 1 as text)`, updated_at: now })
    .where("key", "=", REVISION_KEY)
    .execute();
}

/** Creates the chat's row or changes the given fields; returns the settings as stored. */
export async function updateChatSettings(db: Kysely<Database>, chat: Chat, patch: ChatSettingsPatch, now = Date.now()): Promise<ChatSettings> {
  const columns = { ...toColumns(patch), updated_at: now };
  const write = async (trx: Kysely<Database>) => {
    const row = await trx
      .insertInto("chat_settings")
      .values({ platform: chat.platform, chat_id: chat.chatId, ...columns })
      .onConflict((oc) => oc.columns(["platform", "chat_id"]).doUpdateSet(columns))
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpChatSettingsRevision(trx, now);
    return fromRow(row);
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/** The zone a chat reads times in: its own setting, else its first subscription's, else `fallback`. */
export async function chatTimezone(db: Kysely<Database>, chat: Chat, fallback: string): Promise<string> {
  const settings = await getChatSettings(db, chat);
  if (settings?.timezone) return settings.timezone;
  const sub = await db.selectFrom("subscriptions").select("timezone").where("platform", "=", chat.platform).where("chat_id", "=", chat.chatId).where("active", "=", 1).orderBy("id").executeTakeFirst();
  return sub?.timezone ?? fallback;
}
