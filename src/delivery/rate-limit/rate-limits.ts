import type { BucketLimit } from "./token-bucket.js";

/** The buckets one send passes through on a platform; a missing scope is unlimited. */
export interface PlatformRateLimits {
  /** Every message to one chat (a channel on Discord). */
  perChat?: BucketLimit;
  /** Extra bucket for group chats, on top of perChat. */
  perGroup?: BucketLimit;
  /** Every message the bot sends on the platform. */
  global?: BucketLimit;
}

/** Published limits (DESIGN.md, platform facts); config may override any scope. */
export const defaultRateLimits = {
  telegram: {
    perChat: { capacity: 1, refillPerSecond: 1 },
    perGroup: { capacity: 20, refillPerSecond: 20 / 60 },
    global: { capacity: 30, refillPerSecond: 30 },
  },
  discord: {
    perChat: { capacity: 5, refillPerSecond: 1 },
    global: { capacity: 50, refillPerSecond: 50 },
  },
  console: {},
} as const satisfies Record<string, PlatformRateLimits>;

export type RateLimitedPlatform = keyof typeof defaultRateLimits;
export type RateLimitConfig = Record<RateLimitedPlatform, PlatformRateLimits>;
export type RateLimitOverrides = { [P in RateLimitedPlatform]?: PlatformRateLimits };

/** The defaults with config's overrides laid over them scope by scope. */
export function mergeRateLimits(overrides: RateLimitOverrides = {}): RateLimitConfig {
  return {
    telegram: { ...defaultRateLimits.telegram, ...overrides.telegram },
    discord: { ...defaultRateLimits.discord, ...overrides.discord },
    console: { ...defaultRateLimits.console, ...overrides.console },
  };
}

/** Discord bans an IP for a while after this many 401/403/429 responses in the window. */
export const discordInvalidRequestBudget = { limit: 10_000, windowMs: 10 * 60_000 } as const;
