import type { AlertChannel, AlertTarget } from "./alert-channel.js";
import type { Held } from "./claim-set.js";
import { digestAsAlert } from "./render/digest-as-alert.js";
import type { SendResult } from "./send-result.js";

/** The platform call for one held row: send, edit or digest. Never throws. */
export async function callChannel(channel: AlertChannel, h: Held, now: () => number): Promise<SendResult> {
  const target: AlertTarget = { chatId: h.delivery.chatId, threadId: h.delivery.threadId };
  const p = h.prepared;
  try {
    if (p.kind === "edit") {
      return channel.edit ? await channel.edit(target, p.messageId, p.alert) : { status: "rejected", error: "the platform cannot edit messages" };
    }
    if (p.kind === "digest") return await (channel.sendDigest ? channel.sendDigest(target, p.digest) : channel.send(target, digestAsAlert(p.digest, new Date(now()))));
    return await channel.send(target, p.alert);
  } catch (error) {
    // Adapters should never throw; if one does, the message is retried rather than lost.
    return { status: "transient", error: error instanceof Error ? error.message : String(error) };
  }
}
