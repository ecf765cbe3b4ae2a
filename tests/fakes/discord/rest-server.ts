// The HTTP side: /api/v10 routing, auth, injected failures, rate limits, recording.
// Order of checks follows Discord: unknown route, auth, then limits, then the route's own checks.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeContext } from "./context.js";
import { discordError, notFound, serverError, unauthorized } from "./discord-errors.js";
import type { FakeReply } from "./discord-errors.js";
import type { InjectedFailures } from "./injected-failures.js";
import { asObject } from "./message-body.js";
import { OPEN_WINDOW } from "./rate-limits.js";
import type { BucketUse, Buckets } from "./rate-limits.js";
import type { RequestLog } from "./request-log.js";
import type { Route } from "./route.js";
import { compilePathPattern } from "./route-pattern.js";
import type { PathParams } from "./route-pattern.js";

export const API_PREFIX = "/api/v10";

interface ParsedBody {
  body: unknown;
  files: string[];
}

async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = request.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // discord.js sends uploads as multipart with the JSON in `payload_json`.
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files: string[] = [];
    let body: unknown;
    for (const [name, value] of form.entries()) {
      if (typeof value !== "string") files.push(value.name);
      else if (name === "payload_json") body = JSON.parse(value);
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")), files: [] };
}

interface CompiledRoute {
  route: Route;
  match: (path: string) => PathParams | null;
}

export interface RestDependencies {
  context: FakeContext;
  routes: Route[];
  buckets: Buckets;
  failures: InjectedFailures;
  log: RequestLog;
}

export function createRestHandler(deps: RestDependencies) {
  const { context, buckets, failures, log } = deps;
  const compiled: CompiledRoute[] = deps.routes.map((route) => ({ route, match: compilePathPattern(route.pattern) }));

  function defaultBucket(route: Route, params: PathParams): BucketUse {
    const major = params.channelId ?? params.guildId ?? params.token ?? params.applicationId ?? "";
    return { key: `${route.method} ${route.pattern} ${major}`, hash: `fake-${route.method}-${route.pattern}`, window: OPEN_WINDOW, enforced: false };
  }

  function answer(method: string, path: string, query: URLSearchParams, authorization: string | undefined, parsed: ParsedBody): FakeReply {
    const now = Date.now();
    const found = compiled
      .map(({ route, match }) => ({ route, params: match(path) }))
      .find((candidate) => candidate.route.method === method && candidate.params !== null);
    if (!found?.params) return notFound();
    const { route, params } = found;

    if (route.auth === "bot" && authorization !== `Bot ${context.world.identity.token}`) return unauthorized();
    const injected = failures.take(method, path);
    if (injected) return injected;
    const globalPerSecond = context.settings.rateLimits.globalPerSecond;
    if (route.auth === "bot" && globalPerSecond !== null) {
      const globalLimited = buckets.takeGlobal(globalPerSecond, now);
      if (globalLimited) return globalLimited;
    }
    const verdict = buckets.take(route.bucket?.(params) ?? defaultBucket(route, params), now);
    if (!verdict.allowed) return verdict.reply;

    const reply = route.handle({ params, query, body: asObject(parsed.body), rawBody: parsed.body, now });
    return { ...reply, headers: { ...verdict.headers, ...reply.headers } };
  }

  function count(status: number): void {
    const { stats } = context;
    stats.requests += 1;
    if (status === 429) stats.tooManyRequests += 1;
    if (status === 401 || status === 403 || status === 429) stats.invalidRequests += 1;
  }

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://fake.invalid");
    const method = (request.method ?? "GET").toUpperCase();
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    let parsed: ParsedBody = { body: undefined, files: [] };
    let reply: FakeReply;
    try {
      parsed = await readBody(request);
      reply = url.pathname.startsWith(API_PREFIX)
        ? answer(method, path, url.searchParams, request.headers.authorization, parsed)
        : notFound();
    } catch (error) {
      reply = error instanceof SyntaxError
        ? discordError(400, 50109, "The request body contains invalid JSON.")
        : { ...serverError(), body: { message: `fake Discord failed: ${String(error)}`, code: 0 } };
    }

    count(reply.status);
    log.record({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: parsed.body,
      files: parsed.files,
      status: reply.status,
      at: Date.now(),
    });
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body === undefined) {
      response.writeHead(reply.status === 200 ? 204 : reply.status, headers).end();
      return;
    }
    headers["Content-Type"] = "application/json";
    response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  };
}
