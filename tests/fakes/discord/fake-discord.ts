// Starts the fake (HTTP + WebSocket on one 127.0.0.1 port) and gives tests their handle on it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewayDispatchEvents } from "discord-api-types/v10";
import { createInjectedFailures } from "./injected-failures.js";
import type { FailureSpec } from "./injected-failures.js";
import { createGateway } from "./gateway.js";
import type { DropOptions, GatewayLogEntry } from "./gateway.js";
import { changeBotPermissions, putChannel, putGuild, putRole } from "./guild-setup.js";
import type { ChannelInput, GuildInput, RoleInput } from "./guild-setup.js";
import { emptyStats } from "./context.js";
import type { FakeContext, FakeSettings, FakeStats } from "./context.js";
import { buildAutocomplete, buildButtonClick, buildSlashCommand } from "./interaction-payloads.js";
import type { AutocompleteInput, BuiltInteraction, ButtonClickInput, SlashCommandInput } from "./interaction-payloads.js";
import { interactionStatus } from "./interaction-state.js";
import type { InteractionStatus } from "./interaction-state.js";
import { channelPayload, guildCreatePayload, rolePayload } from "./payloads.js";
import { createBuckets, DEFAULT_RATE_LIMITS } from "./rate-limits.js";
import type { RateLimitSettings } from "./rate-limits.js";
import { createRequestLog } from "./request-log.js";
import type { RecordedRequest, RequestPredicate } from "./request-log.js";
import { createRestHandler } from "./rest-server.js";
import { applicationRoutes } from "./routes-application.js";
import { channelRoutes } from "./routes-channels.js";
import { guildRoutes } from "./routes-guilds.js";
import { interactionRoutes } from "./routes-interactions.js";
import { createSnowflakeSource } from "./snowflake.js";
import { channelMessages, createWorld, requireChannel, requireGuild } from "./world.js";
import type {
  ChannelRecord,
  CommandSet,
  FakeInteractionKind,
  GuildRecord,
  InteractionResponseRecord,
  MessageRecord,
  RoleRecord,
} from "./world.js";

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** Sent in HELLO; discord.js sends its first heartbeat after a random part of it. Default 41250. */
  heartbeatIntervalMs?: number;
  /** Default 3000, as on Discord. */
  interactionDeadlineMs?: number;
  /** Default 15 minutes, as on Discord. */
  interactionTokenTtlMs?: number;
  /** Shards GET /gateway/bot recommends; guild-scoped events go to the owning shard. Default 1. */
  recommendedShards?: number;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
}

export interface InteractionView {
  id: string;
  token: string;
  kind: FakeInteractionKind;
  /** "failed" once the deadline passed without a callback: Discord shows "The application did not respond". */
  status: InteractionStatus;
  dispatchedAt: number;
  acknowledgedAt: number | null;
  /** When a callback came too late and got 404 Unknown interaction (10062). */
  lateCallbackAt: number | null;
  responses: InteractionResponseRecord[];
}

export interface FakeDiscordStats extends FakeStats {
  interactionsDispatched: number;
  interactionsFailed: number;
}

export interface LimitChanges {
  perChannel?: RateLimitSettings["perChannel"];
  globalPerSecond?: RateLimitSettings["globalPerSecond"];
  crosspost?: RateLimitSettings["crosspost"];
}

export interface FakeDiscord {
  /** Pass as `rest: { api }` to discord.js; it appends /v10. */
  readonly apiRoot: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;

  addGuild(input?: GuildInput): GuildRecord;
  addChannel(input: ChannelInput): ChannelRecord;
  addRole(input: RoleInput): RoleRecord;
  /** The permissions interactions report for this member (the channel-level bits Discord computes). */
  setMemberPermissions(guildId: string, userId: string, permissions: bigint): void;
  /** On a guild id: the bot role. On a channel id: exactly these bits in that channel. */
  setBotPermissions(targetId: string, permissions: bigint): void;
  deleteChannel(channelId: string): void;
  /** The bot was removed (GUILD_DELETE without `unavailable`), or with `outage` the guild went unavailable. */
  removeGuild(guildId: string, options?: { outage?: boolean }): void;

  slashCommand(input: SlashCommandInput): DispatchedInteraction;
  autocomplete(input: AutocompleteInput): DispatchedInteraction;
  clickButton(input: ButtonClickInput): DispatchedInteraction;

  readonly requests: readonly RecordedRequest[];
  readonly gatewayLog: readonly GatewayLogEntry[];
  readonly stats: FakeDiscordStats;
  messages(channelId: string, options?: { includeDeleted?: boolean }): MessageRecord[];
  message(messageId: string): MessageRecord | undefined;
  interaction(interactionId: string): InteractionView;
  interactionResponses(interactionId: string): InteractionResponseRecord[];
  /** The last bulk overwrite, global or for one guild. */
  registeredCommands(guildId?: string): CommandSet | null;

  waitFor(predicate: RequestPredicate, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves with the callback once the bot answered; rejects if it answered with an error or not at all. */
  waitForInteractionResponse(interactionId: string, timeoutMs?: number): Promise<InteractionResponseRecord>;

  failNext(method: string, pathPattern: string | RegExp, spec: FailureSpec): void;
  setLimits(changes: LimitChanges): void;
  /** Cuts gateway connections (default: abruptly, so discord.js resumes). Returns how many were open. */
  dropGatewayConnections(options?: DropOptions): number;
  /** Sends op 7 RECONNECT: discord.js closes and resumes. */
  requestGatewayReconnect(): number;
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 2000;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? "100000000000000001";
  const identity = {
    token: options.token ?? "MTAwMDAwMDAwMDAwMDAwMDAx.fake.discord-bot-token",
    applicationId,
    botUserId: options.botUserId ?? applicationId,
    botUsername: options.botUsername ?? "newsflash",
  };
  const world = createWorld(identity, createSnowflakeSource());
  const settings: FakeSettings = {
    rateLimits: { ...DEFAULT_RATE_LIMITS },
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60 * 1000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    recommendedShards: options.recommendedShards ?? 1,
  };
  const context: FakeContext = { world, settings, stats: emptyStats(), gatewayUrl: "" };
  const log = createRequestLog();
  const failures = createInjectedFailures();
  const handleRest = createRestHandler({
    context,
    routes: [...applicationRoutes(context), ...channelRoutes(context), ...guildRoutes(context), ...interactionRoutes(context)],
    buckets: createBuckets(),
    failures,
    log,
  });

  const server = createServer((request, response) => void handleRest(request, response));
  const gateway = createGateway(context, server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  context.gatewayUrl = `ws://127.0.0.1:${port}`;

  function dispatchInteraction(built: BuiltInteraction): DispatchedInteraction {
    if (gateway.liveSessions().length === 0) {
      throw new Error("fake Discord: no gateway session to deliver the interaction to; log the client in first");
    }
    gateway.dispatch(GatewayDispatchEvents.InteractionCreate, built.payload);
    return { id: built.record.id, token: built.record.token };
  }

  function interactionRecord(interactionId: string) {
    const record = world.interactions.get(interactionId);
    if (!record) throw new Error(`fake Discord: no interaction ${interactionId}`);
    return record;
  }

  return {
    apiRoot: `http://127.0.0.1:${port}/api`,
    gatewayUrl: context.gatewayUrl,
    token: identity.token,
    applicationId: identity.applicationId,
    botUserId: identity.botUserId,

    addGuild(input = {}) {
      const guild = putGuild(world, input);
      gateway.dispatch(GatewayDispatchEvents.GuildCreate, guildCreatePayload(world, guild));
      return guild;
    },
    addChannel(input) {
      const channel = putChannel(world, input);
      if (world.guilds.get(channel.guildId)?.botIsMember) {
        gateway.dispatch(GatewayDispatchEvents.ChannelCreate, channelPayload(channel));
      }
      return channel;
    },
    addRole(input) {
      const role = putRole(world, input);
      gateway.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: input.guildId, role: rolePayload(role) });
      return role;
    },
    setMemberPermissions(guildId, userId, permissions) {
      const guild = requireGuild(world, guildId);
      guild.memberPermissions.set(userId, permissions);
      guild.memberIds.add(userId);
    },
    setBotPermissions(targetId, permissions) {
      const change = changeBotPermissions(world, targetId, permissions);
      if (change.scope === "guild") {
        gateway.dispatch(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: change.guild.id, role: rolePayload(change.role) });
      } else {
        gateway.dispatch(GatewayDispatchEvents.ChannelUpdate, channelPayload(change.channel));
      }
    },
    deleteChannel(channelId) {
      const channel = requireChannel(world, channelId);
      channel.deleted = true;
      gateway.dispatch(GatewayDispatchEvents.ChannelDelete, channelPayload(channel));
    },
    removeGuild(guildId, removal = {}) {
      const guild = requireGuild(world, guildId);
      if (removal.outage) {
        gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: guild.id, unavailable: true });
        return;
      }
      guild.botIsMember = false;
      gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: guild.id });
    },

    slashCommand: (input) => dispatchInteraction(buildSlashCommand(world, input)),
    autocomplete: (input) => dispatchInteraction(buildAutocomplete(world, input)),
    clickButton: (input) => dispatchInteraction(buildButtonClick(world, input)),

    requests: log.requests,
    gatewayLog: gateway.log,
    get stats() {
      const now = Date.now();
      const interactions = [...world.interactions.values()];
      return {
        ...context.stats,
        interactionsDispatched: interactions.length,
        interactionsFailed: interactions.filter((record) => interactionStatus(record, settings, now) === "failed").length,
      };
    },
    messages(channelId, view = {}) {
      return channelMessages(world, channelId)
        .filter((message) => view.includeDeleted || !message.deleted)
        .map((message) => ({ ...message }));
    },
    message(messageId) {
      const message = world.messages.get(messageId);
      return message && { ...message };
    },
    interaction(interactionId) {
      const record = interactionRecord(interactionId);
      return {
        id: record.id,
        token: record.token,
        kind: record.kind,
        status: interactionStatus(record, settings, Date.now()),
        dispatchedAt: record.dispatchedAt,
        acknowledgedAt: record.acknowledgedAt,
        lateCallbackAt: record.lateCallbackAt,
        responses: [...record.responses],
      };
    },
    interactionResponses: (interactionId) => [...interactionRecord(interactionId).responses],
    registeredCommands: (guildId) => (guildId === undefined ? world.globalCommands : world.guildCommands.get(guildId) ?? null),

    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) => log.waitFor(predicate, timeoutMs),
    async waitForInteractionResponse(interactionId, timeoutMs = DEFAULT_WAIT_MS) {
      const prefix = `/interactions/${interactionId}/`;
      const request = await log.waitFor((candidate) => candidate.path.startsWith(prefix), timeoutMs);
      const callback = interactionRecord(interactionId).responses.find((response) => response.kind === "callback");
      if (request.status >= 300 || !callback) {
        throw new Error(`fake Discord: the callback for interaction ${interactionId} was answered ${request.status}`);
      }
      return callback;
    },

    failNext: (method, pathPattern, spec) => failures.add(method, pathPattern, spec),
    setLimits(changes) {
      settings.rateLimits = { ...settings.rateLimits, ...changes };
    },
    dropGatewayConnections: (dropOptions) => gateway.drop(dropOptions),
    requestGatewayReconnect: () => gateway.requestReconnect(),
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
