import { AckWindow, type WindowRule } from "./ack-window.js";
import type { LimitScope, SendTarget } from "./send-limiter.js";

/** A platform's published limits, as windows. */
export interface PlatformWindows {
  perChat?: WindowRule;
  /** Group chats pass this one as well (Telegram's 20 a minute). */
  perGroup?: WindowRule;
  global?: WindowRule;
}

/** Hand back when the send's answer (or failure) came back. */
export interface SendTicket {
  finish(at: number): void;
}

/**
 * The exact guard behind the token buckets: every published window of one platform, per chat,
 * per group and overall, counted from each send's start to `perMs` after its answer (AckWindow).
 * The buckets pace sends evenly; this makes sure network jitter can never bunch them into a 429.
 */
export class ArrivalWindows {
  private readonly global: AckWindow | undefined;
  private readonly chats = new Map<string, AckWindow>();
  private readonly groups = new Map<string, AckWindow>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly windows: PlatformWindows) {
    this.global = windows.global && new AckWindow(windows.global);
  }

  /** 0 when every window lets a send to `target` start now; otherwise the longest wait and its scope. */
  check(target: SendTarget, now: number): { waitMs: number; scope: LimitScope } {
    this.sweep(now);
    let longest = { waitMs: 0, scope: "global" as LimitScope };
    for (const [scope, window] of this.windowsFor(target, false)) {
      const waitMs = window.waitMs(now);
      if (waitMs > longest.waitMs) longest = { waitMs, scope };
    }
    return longest;
  }

  /** Counts a send to `target` from now until its ticket is finished. */
  start(target: SendTarget): SendTicket {
    const windows = this.windowsFor(target, true).map(([, w]) => w);
    for (const w of windows) w.start();
    let finished = false;
    return {
      finish(at) {
        if (finished) return;
        finished = true;
        for (const w of windows) w.finish(at);
      },
    };
  }

  private windowsFor(target: SendTarget, create: boolean): Array<[LimitScope, AckWindow]> {
    const out: Array<[LimitScope, AckWindow]> = [];
    const keyed = (map: Map<string, AckWindow>, rule: WindowRule | undefined, scope: LimitScope) => {
      if (!rule) return;
      let w = map.get(target.chatId);
      if (!w && create) map.set(target.chatId, (w = new AckWindow(rule)));
      if (w) out.push([scope, w]);
    };
    keyed(this.chats, this.windows.perChat, "chat");
    if (target.isGroup) keyed(this.groups, this.windows.perGroup, "group");
    if (this.global) out.push(["global", this.global]);
    return out;
  }

  /** Chats with nothing in their window are forgotten: memory follows the chats sent to lately. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const map of [this.chats, this.groups]) for (const [key, w] of map) if (w.isIdle(now)) map.delete(key);
  }
}
