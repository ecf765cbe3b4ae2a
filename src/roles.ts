/**
 * What one `newsflash start --role …` process does. Any number of processes of any role may run
 * against one PostgreSQL database; the database decides who does what (leases, SKIP LOCKED claims,
 * advisory locks), so roles are only about what a machine needs:
 *
 * - ingest: polls feeds (leased per source, so two workers never fetch one feed at once), clusters
 *   and stores stories, prunes old ones (one process at a time). Needs the network to the feeds;
 *   no platform tokens.
 * - dispatch: sends the outbox (claimed row by row, per-chat limits counted from the shared record
 *   of last sends) and makes digests (one process at a time). Needs the platform tokens (it calls
 *   their send APIs) but takes no updates from them.
 * - bot: the platform adapters' intake (commands, membership changes, the Telegram webhook or
 *   long poll, the Discord gateway) and the watcher, which turns new stories into outbox rows. The
 *   watcher sits here because it is the part that reacts to what users changed (subscriptions,
 *   mutes) and must be near-instant; it wakes on NOTIFY from ingest and is idempotent, so several
 *   bot processes (webhooks behind a load balancer) can run it. Telegram long polling allows one
 *   poller per token: run one bot process, or set TELEGRAM_WEBHOOK_URL to run several.
 * - all: everything in one process (the default, and all SQLite needs).
 */
export const ROLES = ["all", "ingest", "dispatch", "bot"] as const;
export type Role = (typeof ROLES)[number];

export interface RoleDuties {
  /** Poll due sources every minute (and once at start). */
  poll: boolean;
  /** Prune stories past RETENTION_DAYS, daily. */
  retention: boolean;
  /** Run the dispatcher over the outbox. */
  dispatch: boolean;
  /** Turn due digest slots into outbox rows, every minute. */
  digests: boolean;
  /** Build the platform adapters (for sending or for intake). */
  adapters: boolean;
  /** Start the adapters' intake: commands, membership, webhook routes. */
  intake: boolean;
  /** Match new stories against subscriptions and write the outbox. */
  watcher: boolean;
}

const DUTIES: Readonly<Record<Role, RoleDuties>> = {
  all: { poll: true, retention: true, dispatch: true, digests: true, adapters: true, intake: true, watcher: true },
  ingest: { poll: true, retention: true, dispatch: false, digests: false, adapters: false, intake: false, watcher: false },
  dispatch: { poll: false, retention: false, dispatch: true, digests: true, adapters: true, intake: false, watcher: false },
  bot: { poll: false, retention: false, dispatch: false, digests: false, adapters: true, intake: true, watcher: true },
};

export function dutiesOf(role: Role): RoleDuties {
  return DUTIES[role];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
