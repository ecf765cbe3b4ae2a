// Receiving updates: getUpdates long polling, and webhooks (recorded, never called).
import { optionalBool, optionalInt, optionalJson, optionalString } from "../params.js";
import { fail, telegramErrors } from "../telegram-errors.js";
import type { MethodTable } from "./method-handler.js";

export const updateMethods: MethodTable = {
  async getUpdates(params, { state, signal }) {
    if (state.webhook.url !== "") {
      fail(telegramErrors.conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
    }
    return state.updates.poll({
      offset: optionalInt(params, "offset") ?? 0,
      limit: Math.min(100, Math.max(1, optionalInt(params, "limit") ?? 100)),
      timeoutSeconds: Math.max(0, optionalInt(params, "timeout") ?? 0),
      signal,
    });
  },

  setWebhook(params, { state }) {
    const secretToken = optionalString(params, "secret_token");
    const maxConnections = optionalInt(params, "max_connections");
    const allowedUpdates = optionalJson<string[]>(params, "allowed_updates");
    state.webhook = {
      url: optionalString(params, "url") ?? "",
      ...(secretToken === undefined ? {} : { secret_token: secretToken }),
      ...(maxConnections === undefined ? {} : { max_connections: maxConnections }),
      ...(allowedUpdates === undefined ? {} : { allowed_updates: allowedUpdates }),
    };
    if (optionalBool(params, "drop_pending_updates")) state.updates.dropPending();
    return true;
  },

  deleteWebhook(params, { state }) {
    state.webhook = { url: "" };
    if (optionalBool(params, "drop_pending_updates")) state.updates.dropPending();
    return true;
  },

  getWebhookInfo(_params, { state }) {
    const { url, max_connections, allowed_updates } = state.webhook;
    return {
      url,
      has_custom_certificate: false,
      pending_update_count: state.updates.pendingCount(),
      ...(max_connections === undefined ? {} : { max_connections }),
      ...(allowed_updates === undefined ? {} : { allowed_updates }),
    };
  },
};
