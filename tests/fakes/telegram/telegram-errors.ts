// The error bodies the fake answers with, worded like the real Bot API so that code which sorts
// errors by `error_code` and `description` (retry-after / gone / rejected) sees what production sees.
import type { ResponseParameters } from "grammy/types";

export interface TelegramError {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** Thrown by method handlers; the dispatcher turns it into an `{ok: false, …}` response. */
export class ApiFailure extends Error {
  constructor(readonly error: TelegramError) {
    super(error.description);
    this.name = "ApiFailure";
  }
}

export function fail(error: TelegramError): never {
  throw new ApiFailure(error);
}

// Functions rather than constants so that a test mutating one error object cannot change another.
export const telegramErrors = {
  unauthorized: (): TelegramError => ({ error_code: 401, description: "Unauthorized" }),
  notFound: (): TelegramError => ({ error_code: 404, description: "Not Found" }),
  badRequest: (what: string): TelegramError => ({ error_code: 400, description: `Bad Request: ${what}` }),
  forbidden: (what: string): TelegramError => ({ error_code: 403, description: `Forbidden: ${what}` }),
  conflict: (what: string): TelegramError => ({ error_code: 409, description: `Conflict: ${what}` }),
  chatNotFound: (): TelegramError => telegramErrors.badRequest("chat not found"),
  blockedByUser: (): TelegramError => telegramErrors.forbidden("bot was blocked by the user"),
  kickedFrom: (chatType: string): TelegramError => telegramErrors.forbidden(`bot was kicked from the ${chatType} chat`),
  userDeactivated: (): TelegramError => telegramErrors.forbidden("user is deactivated"),
  tooManyRequests: (retryAfterSeconds: number): TelegramError => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfterSeconds}`,
    parameters: { retry_after: retryAfterSeconds },
  }),
  migrated: (newChatId: number): TelegramError => ({
    error_code: 400,
    description: "Bad Request: group chat was upgraded to a supergroup chat",
    parameters: { migrate_to_chat_id: newChatId },
  }),
  cantParseEntities: (reason: string): TelegramError => telegramErrors.badRequest(`can't parse entities: ${reason}`),
  internal: (): TelegramError => ({ error_code: 500, description: "Internal Server Error" }),
  badGateway: (): TelegramError => ({ error_code: 502, description: "Bad Gateway" }),
};

/** The body of every Bot API answer. */
export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & TelegramError);

export const okResponse = (result: unknown): ApiResponse => ({ ok: true, result });
export const errorResponse = (error: TelegramError): ApiResponse => ({ ok: false, ...error });
