// A fake Discord (REST under /api/v10 and a JSON gateway) for end-to-end tests with the real
// discord.js Client. See fake-discord.ts for the handle tests get.
export { startFakeDiscord } from "./fake-discord.js";
export type {
  DispatchedInteraction,
  FakeDiscord,
  FakeDiscordOptions,
  FakeDiscordStats,
  InteractionView,
  LimitChanges,
} from "./fake-discord.js";
export * as discordErrors from "./discord-errors.js";
export type { FakeReply } from "./discord-errors.js";
export type { FailureSpec } from "./injected-failures.js";
export type { DropOptions, GatewayLogEntry } from "./gateway.js";
export type { ChannelInput, GuildInput, RoleInput } from "./guild-setup.js";
export type { AutocompleteInput, ButtonClickInput, InteractionSource, SlashCommandInput } from "./interaction-payloads.js";
export type { InteractionStatus } from "./interaction-state.js";
export type { OptionValue, OptionValues } from "./command-options.js";
export { ALL_PERMISSIONS, DEFAULT_BOT_PERMISSIONS, DEFAULT_MEMBER_PERMISSIONS } from "./permissions.js";
export type { LimitWindow, RateLimitSettings } from "./rate-limits.js";
export type { RecordedRequest, RequestPredicate } from "./request-log.js";
export type { ChannelRecord, GuildRecord, InteractionResponseRecord, MessageRecord, RoleRecord } from "./world.js";
