import { MessageFlags } from "discord.js";
import { describe, expect, it } from "vitest";
import { text, type Reply } from "../../../commands/reply.js";
import { renderReplyForDiscord } from "../../../src/platforms/discord/render-reply.js";
import { answerInteraction, type AnswerableInteraction, type AnswerOptions } from "../../../src/platforms/discord/respond.js";

/** Records the calls discord.js would turn into interaction callbacks and webhook edits. */
function recordingInteraction() {
  const calls: Array<[string, unknown?]> = [];
  const record = (name: string) => async (arg?: unknown) => void calls.push([name, arg]);
  const interaction = { reply: record("reply"), deferReply: record("deferReply"), editReply: record("editReply"), deleteReply: record("deleteReply"), followUp: record("followUp") };
  return { calls, interaction: interaction as unknown as AnswerableInteraction };
}

const options = (overrides: Partial<AnswerOptions> = {}): AnswerOptions => ({ slow: false, deferEphemeral: false, deferAfterMs: 50, render: (r) => renderReplyForDiscord(r), ...overrides });
const after = (ms: number, reply: Reply) => new Promise<Reply>((resolve) => setTimeout(() => resolve(reply), ms));
const confirmation: Reply = { blocks: [text("Subscribed.")], ephemeral: true };
const results: Reply = { blocks: [text("Results")] };

describe("answerInteraction", () => {
  it("answers a fast command at once, ephemeral when the reply says so", async () => {
    const { calls, interaction } = recordingInteraction();
    await answerInteraction(interaction, Promise.resolve(confirmation), options());
    expect(calls).toEqual([["reply", expect.objectContaining({ content: "Subscribed.", flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })]]);
  });

  it("defers a slow command before its work is done, then edits the reply", async () => {
    const { calls, interaction } = recordingInteraction();
    await answerInteraction(interaction, after(20, results), options({ slow: true }));
    expect(calls).toEqual([
      ["deferReply", { flags: undefined }],
      ["editReply", expect.objectContaining({ content: "Results" })],
    ]);
  });

  it("defers any command still running after the safety-net delay", async () => {
    const { calls, interaction } = recordingInteraction();
    await answerInteraction(interaction, after(150, confirmation), options({ deferEphemeral: true }));
    expect(calls.map(([name]) => name)).toEqual(["deferReply", "editReply"]);
    expect(calls[0]?.[1]).toEqual({ flags: MessageFlags.Ephemeral });
  });

  it("replaces a public deferral with an ephemeral follow-up when the reply is only for the caller", async () => {
    const { calls, interaction } = recordingInteraction();
    await answerInteraction(interaction, after(10, confirmation), options({ slow: true }));
    expect(calls.map(([name]) => name)).toEqual(["deferReply", "deleteReply", "followUp"]);
    expect(calls[2]?.[1]).toMatchObject({ flags: MessageFlags.Ephemeral, content: "Subscribed." });
  });
});
