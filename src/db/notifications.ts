import pg from "pg";
import type { Config } from "../config.js";

/** What migrations/0004_postgres.ts notifies about: stories inserted, outbox rows inserted. */
export type Change = "stories" | "outbox";

const CHANNELS: Readonly<Record<Change, string>> = { stories: "newsflash_stories", outbox: "newsflash_outbox" };

export interface ChangeListener {
  /** Resolves once LISTEN is in place the first time (at once when there is nothing to listen to). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  onError?: (error: Error, retryInMs: number) => void;
  /** First reconnect delay; doubles up to 30 s. */
  retryMs?: number;
}

const noListener: ChangeListener = { ready: Promise.resolve(), close: async () => undefined };

/**
 * Calls a handler whenever another process commits rows of that kind (PostgreSQL LISTEN on its
 * own connection, outside the pool). Best effort by design: a lost connection is re-opened with
 * backoff and every handler is called once after it (notifications sent meanwhile are gone), and
 * callers keep polling as the fallback. On SQLite there is nothing to listen to.
 */
export function listenForChanges(database: Config["database"], handlers: Partial<Record<Change, () => void>>, opts: ListenOptions = {}): ChangeListener {
  if (database.kind !== "postgres") return noListener;
  const wanted = (Object.keys(handlers) as Change[]).filter((change) => handlers[change] !== undefined);
  if (wanted.length === 0) return noListener;
  const byChannel = new Map(wanted.map((change) => [CHANNELS[change], handlers[change] as () => void]));
  const firstRetryMs = opts.retryMs ?? 1000;
  let retryMs = firstRetryMs;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function retryLater(error: Error): void {
    if (closed || timer) return;
    opts.onError?.(error, retryMs);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: database.kind === "postgres" ? database.url : "" });
    c.on("notification", (message) => byChannel.get(message.channel)?.());
    c.on("error", (error) => {
      if (client === c) client = undefined;
      retryLater(error);
    });
    c.on("end", () => {
      if (client === c) client = undefined;
      retryLater(new Error("the notification connection closed"));
    });
    try {
      await c.connect();
      for (const channel of byChannel.keys()) await c.query(`LISTEN ${channel}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      retryLater(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    retryMs = firstRetryMs;
    markReady();
    // Whatever was committed while nobody listened is picked up now.
    for (const handler of byChannel.values()) handler();
  }

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      markReady();
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
