import type { Generated } from "kysely";

/** Row types as the database holds them; times are epoch milliseconds, flags are 0/1; `Generated` marks a column with a default. */
export interface SourcesTable {
  id: Generated<number>;
  url: string;
  name: string;
  kind: Generated<string>;
  topics: Generated<string>;
  breaking: Generated<number>;
  every_seconds: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  primed: Generated<number>;
  last_polled_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  next_poll_at: Generated<number>;
  lease_until: number | null;
  paused: Generated<number>;
  created_at: number;
  named_by_user: Generated<number>;
  feed_interval_seconds: number | null;
}

export interface StoriesTable {
  id: Generated<number>;
  source_id: number | null;
  source_name: string;
  guid: string | null;
  url: string;
  canonical_url: string;
  title: string;
  summary: string;
  section: string | null;
  topics: Generated<string>;
  published_at: number;
  first_seen_at: number;
  breaking: Generated<number>;
  alertable: Generated<number>;
  cluster_id: number | null;
  fingerprint: string | null;
  search_title: string;
  search_body: string;
  search_source: string;
  search_section: string;
  search_topics: string;
}

export interface TopicsTable {
  slug: string;
  label: string;
  query: string;
  created_at: number;
}

export interface StoryTopicsTable {
  story_id: number;
  topic_slug: string;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  platform: string;
  chat_id: string;
  thread_id: string | null;
  target: string;
  topic_slug: string | null;
  query: string | null;
  mode: Generated<string>;
  schedule: string | null;
  timezone: Generated<string>;
  muted_until: number | null;
  created_by: string | null;
  active: Generated<number>;
  deactivated_reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveriesTable {
  id: Generated<number>;
  story_id: number;
  subscription_id: number | null;
  cluster_id: number | null;
  platform: string;
  chat_id: string;
  thread_id: string | null;
  status: Generated<string>;
  priority: Generated<number>;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_until: number | null;
  recovered_leases: Generated<number>;
  last_error: string | null;
  platform_message_id: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  /** 0003: "alert" | "edit" | "digest". */
  kind: Generated<string>;
  /** 0003: for an edit, the alert delivery whose message it rewrites. */
  edit_of: number | null;
  /** 0003: set just before the platform call; with an expired lease it marks a possible duplicate. */
  send_started_at: number | null;
  /** 0003: on a sent alert, when it was last edited in place. */
  edited_at: number | null;
}

export interface KvTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface Database {
  sources: SourcesTable;
  stories: StoriesTable;
  topics: TopicsTable;
  story_topics: StoryTopicsTable;
  subscriptions: SubscriptionsTable;
  deliveries: DeliveriesTable;
  kv: KvTable;
  chat_settings: ChatSettingsTable;
  digest_items: DigestItemsTable;
  discord_publish_backlog: DiscordPublishBacklogTable;
}

/** Discord alerts posted in an announcement channel whose publish (crosspost) waits for the hourly limit. */
export interface DiscordPublishBacklogTable {
  id: Generated<number>;
  channel_id: string;
  message_id: string;
  story_id: number | null;
  due_at: number;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: number;
}

/** 0003: per-chat delivery settings (mute, quiet hours, digest times); a row exists once set. */
export interface ChatSettingsTable {
  platform: string;
  chat_id: string;
  timezone: string | null;
  digest_times: string | null;
  digest_since: number | null;
  last_digest_at: number | null;
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_breaking: Generated<number>;
  muted_until: number | null;
  updated_at: number;
}

/** 0003: a story waiting for a chat's next digest. */
export interface DigestItemsTable {
  id: Generated<number>;
  platform: string;
  chat_id: string;
  story_id: number;
  topic: string;
  reason: string;
  created_at: number;
  digest_delivery_id: number | null;
}
