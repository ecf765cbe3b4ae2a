// The WebSocket gateway: HELLO, IDENTIFY → READY + GUILD_CREATEs, heartbeats, RESUME with replay
// of what was dispatched while the client was away. Frames are plain JSON text: discord.js only
// asks for zlib-stream when the optional zlib-sync package is installed, and it parses text frames
// as JSON even when it did ask, so uncompressed answers always work.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from "discord-api-types/v10";
import type { ApplicationFlags, GatewayReadyDispatchData } from "discord-api-types/v10";
import { WebSocket, WebSocketServer } from "ws";
import type { RawData } from "ws";
import type { FakeContext } from "./context.js";
import { botUserPayload, guildCreatePayload } from "./payloads.js";

/** How many dispatches a session keeps for a resume; older ones are gone, as on Discord. */
const REPLAY_LIMIT = 1000;

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

export interface GatewaySession {
  id: string;
  sequence: number;
  intents: number;
  replay: DispatchFrame[];
  socket: WebSocket | null;
  /** Closed with 1000/1001 or dropped with `invalidateSessions`: RESUME gets op 9. */
  invalidated: boolean;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
}

/** Discord's rule: a guild belongs to shard (guild_id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, shardCount)));
}

/** The guild a dispatch is about, for routing it to one shard; undefined for bot-wide events. */
function guildOfEvent(event: string, data: unknown): string | undefined {
  const d = (data ?? {}) as { guild_id?: unknown; id?: unknown };
  if (typeof d.guild_id === "string") return d.guild_id;
  if ((event === "GUILD_CREATE" || event === "GUILD_DELETE" || event === "GUILD_UPDATE") && typeof d.id === "string") return d.id;
  return undefined;
}

export interface GatewayLogEntry {
  at: number;
  event: "connect" | "identify" | "resume" | "invalid-session" | "close" | "bad-payload";
  sessionId?: string;
  code?: number;
  detail?: string;
}

export interface DropOptions {
  /** Close with this code (4000–4999, or 1000/1001 which also end the session); default: cut the TCP connection. */
  closeCode?: number;
  /** Forget the sessions so the client must IDENTIFY again instead of resuming. */
  invalidateSessions?: boolean;
}

export interface Gateway {
  readonly sessions: readonly GatewaySession[];
  readonly log: readonly GatewayLogEntry[];
  dispatch(event: string, data: unknown): void;
  /** Sessions a dispatch can reach now or on resume. */
  liveSessions(): GatewaySession[];
  drop(options?: DropOptions): number;
  requestReconnect(): number;
  close(): Promise<void>;
}

export function createGateway(context: FakeContext, server: Server): Gateway {
  const { world, stats } = context;
  const sessions: GatewaySession[] = [];
  const log: GatewayLogEntry[] = [];
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ server });

  const note = (entry: Omit<GatewayLogEntry, "at">) => log.push({ at: Date.now(), ...entry });
  const send = (socket: WebSocket, payload: unknown) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  };

  function dispatchTo(session: GatewaySession, event: string, data: unknown): void {
    session.sequence += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data };
    session.replay.push(frame);
    if (session.replay.length > REPLAY_LIMIT) session.replay.shift();
    if (session.socket) send(session.socket, frame);
  }

  function identify(socket: WebSocket, data: { token?: string; intents?: number; shard?: [number, number] }): void {
    const { token } = world.identity;
    if (data.token !== token && data.token !== `Bot ${token}`) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (sessions.some((session) => session.socket === socket)) {
      socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    const session: GatewaySession = {
      id: randomBytes(16).toString("hex"),
      sequence: 0,
      intents: data.intents ?? 0,
      replay: [],
      socket,
      invalidated: false,
      shard: Array.isArray(data.shard) && data.shard.length === 2 ? [Number(data.shard[0]), Number(data.shard[1])] : [0, 1],
    };
    sessions.push(session);
    stats.identifies += 1;
    note({ event: "identify", sessionId: session.id });

    const [shardId, shardCount] = session.shard;
    const guilds = [...world.guilds.values()].filter((guild) => guild.botIsMember && shardOfGuild(guild.id, shardCount) === shardId);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: botUserPayload(world),
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: context.gatewayUrl,
      shard: session.shard,
      application: { id: world.identity.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    // discord.js emits `ready` only after a GUILD_CREATE for every guild READY listed.
    for (const guild of guilds) dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(world, guild));
  }

  function resume(socket: WebSocket, data: { token?: string; session_id?: string; seq?: number | null }): void {
    const { token } = world.identity;
    const session = sessions.find((candidate) => candidate.id === data.session_id);
    const tokenOk = data.token === token || data.token === `Bot ${token}`;
    if (!session || session.invalidated || !tokenOk) {
      note({ event: "invalid-session", sessionId: data.session_id });
      send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    // A session has one connection; a resume takes it over from any socket still attached.
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    stats.resumes += 1;
    note({ event: "resume", sessionId: session.id, detail: `from seq ${data.seq ?? 0}` });
    for (const frame of session.replay) if (frame.s > (data.seq ?? 0)) send(socket, frame);
    dispatchTo(session, GatewayDispatchEvents.Resumed, {});
  }

  function onMessage(socket: WebSocket, raw: RawData): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(raw.toString()) as { op?: number; d?: unknown };
    } catch {
      note({ event: "bad-payload", detail: raw.toString().slice(0, 200) });
      socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        stats.heartbeats += 1;
        send(socket, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        identify(socket, (payload.d ?? {}) as { token?: string; intents?: number; shard?: [number, number] });
        return;
      case GatewayOpcodes.Resume:
        resume(socket, (payload.d ?? {}) as { token?: string; session_id?: string; seq?: number });
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        return;
      default:
        note({ event: "bad-payload", detail: `op ${String(payload.op)}` });
        socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
    }
  }

  wss.on("connection", (socket, request) => {
    sockets.add(socket);
    stats.gatewayConnections += 1;
    const query = new URL(request.url ?? "/", "ws://fake.invalid").searchParams;
    note({ event: "connect", detail: `v=${query.get("v")} encoding=${query.get("encoding")} compress=${query.get("compress") ?? "none"}` });
    socket.on("message", (raw) => onMessage(socket, raw));
    socket.on("close", (code) => {
      sockets.delete(socket);
      const session = sessions.find((candidate) => candidate.socket === socket);
      note({ event: "close", sessionId: session?.id, code });
      if (!session) return;
      session.socket = null;
      // Discord ends a session when the client closes normally; any other code keeps it resumable.
      if (code === 1000 || code === 1001) session.invalidated = true;
    });
    send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: context.settings.heartbeatIntervalMs } });
  });

  return {
    sessions,
    log,
    dispatch(event, data) {
      // Guild events reach only the shard that owns the guild, as on Discord.
      const guildId = guildOfEvent(event, data);
      for (const session of sessions) {
        if (session.invalidated) continue;
        if (guildId !== undefined && shardOfGuild(guildId, session.shard[1]) !== session.shard[0]) continue;
        dispatchTo(session, event, data);
      }
    },
    liveSessions: () => sessions.filter((session) => !session.invalidated),
    drop(options = {}) {
      const open = [...sockets];
      if (options.invalidateSessions) for (const session of sessions) session.invalidated = true;
      for (const socket of open) {
        if (options.closeCode === undefined) socket.terminate();
        else socket.close(options.closeCode, "Dropped by the test");
      }
      return open.length;
    },
    requestReconnect() {
      for (const socket of sockets) send(socket, { op: GatewayOpcodes.Reconnect, d: null });
      return sockets.size;
    },
    close() {
      for (const socket of sockets) socket.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
