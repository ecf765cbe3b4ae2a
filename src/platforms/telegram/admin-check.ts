import type { Api } from "grammy";
import { UserError } from "../../../commands/user-error.js";

export interface AdminCheck {
  /** Whether the user is the chat's creator or an administrator; throws UserError when Telegram cannot say. */
  isAdmin(chatId: number, userId: number): Promise<boolean>;
}

/**
 * getChatMember with a short cache: a busy group's admins run several commands in a row, and a
 * demoted admin loses their rights within `ttlMs`.
 */
export function createAdminCheck(api: Api, opts: { ttlMs?: number; clock?: () => number } = {}): AdminCheck {
  const ttlMs = opts.ttlMs ?? 60_000;
  const clock = opts.clock ?? Date.now;
  const known = new Map<string, { admin: boolean; until: number }>();

  function forgetExpired(now: number): void {
    for (const [key, entry] of known) if (entry.until <= now) known.delete(key);
  }

  return {
    async isAdmin(chatId, userId) {
      const key = `${chatId}:${userId}`;
      const now = clock();
      const cached = known.get(key);
      if (cached && cached.until > now) return cached.admin;
      let status: string;
      try {
        status = (await api.getChatMember(chatId, userId)).status;
      } catch {
        // Refusing would tell an admin they are not one; say what actually happened.
        throw new UserError("I could not check whether you are an admin of this chat: Telegram did not answer. Please try again in a minute.");
      }
      if (known.size > 1000) forgetExpired(now);
      const admin = status === "creator" || status === "administrator";
      known.set(key, { admin, until: now + ttlMs });
      return admin;
    },
  };
}
