// What the REST routes, the gateway and the test controls share.
import type { RateLimitSettings } from "./rate-limits.js";
import type { World } from "./world.js";

export interface FakeStats {
  requests: number;
  messagesPosted: number;
  messagesEdited: number;
  messagesDeleted: number;
  crossposts: number;
  interactionCallbacks: number;
  followUps: number;
  /** 429 answers, injected or enforced. */
  tooManyRequests: number;
  /** 401, 403 and 429 answers: Discord bans a bot for 10,000 of these in 10 minutes. */
  invalidRequests: number;
  gatewayConnections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
}

export interface FakeSettings {
  rateLimits: RateLimitSettings;
  /** How long after dispatch an interaction may still be acknowledged (Discord: 3 s). */
  interactionDeadlineMs: number;
  /** How long an interaction token works for edits and follow-ups (Discord: 15 min). */
  interactionTokenTtlMs: number;
  heartbeatIntervalMs: number;
  /** The shard count GET /gateway/bot recommends (Discord: one per ~1,000 guilds). */
  recommendedShards: number;
}

export interface FakeContext {
  world: World;
  settings: FakeSettings;
  stats: FakeStats;
  /** ws://127.0.0.1:PORT, known once the server listens. */
  gatewayUrl: string;
}

export function emptyStats(): FakeStats {
  return {
    requests: 0,
    messagesPosted: 0,
    messagesEdited: 0,
    messagesDeleted: 0,
    crossposts: 0,
    interactionCallbacks: 0,
    followUps: 0,
    tooManyRequests: 0,
    invalidRequests: 0,
    gatewayConnections: 0,
    identifies: 0,
    resumes: 0,
    heartbeats: 0,
  };
}
