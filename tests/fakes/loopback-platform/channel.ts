// The AlertChannel for the loopback platform: what a real adapter does, in a few lines — send
// the rendered text, sort every answer into the dispatcher's result classes, never throw.
import type { AlertChannel, AlertTarget } from "../../../src/delivery/alert-channel.js";
import type { Alert } from "../../../src/delivery/alert.js";
import type { Digest } from "../../../src/delivery/digest.js";
import { renderConsoleAlert } from "../../../src/delivery/render/console-alert.js";
import { renderConsoleDigest } from "../../../src/delivery/render/console-digest.js";
import type { SendResult } from "../../../src/delivery/send-result.js";

export interface LoopbackChannelOptions {
  platform: string;
  url: string;
  /** Leave out `edit` / `sendDigest` to test platforms without them. */
  edit?: boolean;
  digest?: boolean;
}

async function post(url: string, body: Record<string, unknown>): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch (error) {
    return { status: "transient", error: `network: ${error instanceof Error ? error.message : String(error)}` };
  }
  const data = (await res.json().catch(() => ({}))) as { message_id?: string; retry_after?: number; global?: boolean; parameters?: { retry_after?: number; migrate_to_chat_id?: string }; description?: string };
  const error = `${res.status} ${data.description ?? res.statusText}`;
  if (res.ok) return { status: "sent", messageId: String(data.message_id) };
  if (res.status === 429) {
    const seconds = data.parameters?.retry_after ?? data.retry_after ?? 1;
    return { status: "retry-after", retryAfterMs: Math.ceil(seconds * 1000), scope: data.global ? "global" : "chat", error, httpStatus: 429 };
  }
  if (data.parameters?.migrate_to_chat_id !== undefined) return { status: "migrated", newChatId: String(data.parameters.migrate_to_chat_id), error, httpStatus: res.status };
  if (res.status === 403 || res.status === 404) return { status: "gone", error, httpStatus: res.status };
  if (res.status >= 500) return { status: "transient", error, httpStatus: res.status };
  return { status: "rejected", error, httpStatus: res.status };
}

export function createLoopbackChannel(opts: LoopbackChannelOptions): AlertChannel {
  const channel: AlertChannel = {
    platform: opts.platform,
    send: (target: AlertTarget, alert: Alert) => post(`${opts.url}/send`, { chatId: target.chatId, key: String(alert.storyId), text: renderConsoleAlert(alert) }),
    isGroupChat: (chatId: string) => chatId.startsWith("-"),
  };
  if (opts.edit !== false) {
    channel.edit = (target: AlertTarget, messageId: string, alert: Alert) => post(`${opts.url}/edit`, { chatId: target.chatId, messageId, key: String(alert.storyId), text: renderConsoleAlert(alert) });
  }
  if (opts.digest !== false) {
    channel.sendDigest = (target: AlertTarget, digest: Digest) =>
      post(`${opts.url}/send`, { chatId: target.chatId, key: `digest:${digest.sections.flatMap((s) => s.headlines.map((h) => h.storyId)).join(",")}`, text: renderConsoleDigest(digest) });
  }
  return channel;
}
