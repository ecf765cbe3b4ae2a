import { ApplicationCommandOptionType, ChannelType, InteractionContextType, PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.js";
import { defineCommand } from "../../../commands/types.js";
import { argsFromInteraction } from "../../../src/platforms/discord/interaction-args.js";
import { buildSlashCommands } from "../../../src/platforms/discord/slash-commands.js";

const byName = (name: string) => buildSlashCommands(commands, { global: true }).find((c) => c.name === name);

const sample = defineCommand({
  name: "sample",
  description: "x".repeat(150),
  usage: "/sample",
  options: [
    { name: "optional", description: "An optional word", type: "string", required: false },
    { name: "count", description: "How many", type: "integer", required: true, min: 1, max: 50 },
  ],
  permission: "anyone",
  async handle() {
    return { blocks: [] };
  },
});

describe("buildSlashCommands", () => {
  it("turns every shared definition into a valid chat-input command", () => {
    const built = buildSlashCommands(commands, { global: true });
    expect(built.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const command of built) {
      expect(command.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.contexts).toEqual([InteractionContextType.Guild]);
      for (const option of command.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });

  it("maps /subscribe: topic with autocomplete, free-text mode, and a channel picker for text and announcement channels", () => {
    expect(byName("subscribe")).toMatchObject({
      default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
      options: [
        { name: "topic", type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
        { name: "mode", type: ApplicationCommandOptionType.String, required: false },
        { name: "channel", type: ApplicationCommandOptionType.Channel, required: false, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
      ],
    });
    expect(byName("subscribe")?.options?.[1]).not.toHaveProperty("autocomplete");
  });

  it("gives manage commands Manage Channels by default and leaves the others to everyone", () => {
    for (const command of commands) {
      expect(byName(command.name)?.default_member_permissions).toBe(command.permission === "manage" ? "16" : null);
    }
  });

  it("puts required options first, maps integers with their bounds and shortens long descriptions", () => {
    const [built] = buildSlashCommands([sample], { global: false });
    expect(built).not.toHaveProperty("contexts");
    expect(built?.description).toHaveLength(100);
    expect(built?.description.endsWith("…")).toBe(true);
    expect(built?.options).toEqual([
      { name: "count", description: "How many", required: true, type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 50 },
      { name: "optional", description: "An optional word", required: false, type: ApplicationCommandOptionType.String },
    ]);
  });
});

describe("argsFromInteraction", () => {
  it("reads typed options back into the handler's arguments; a channel option gives the channel id", () => {
    const values: Record<string, string | number> = { count: 3, channel: "300000000000000002" };
    const options = { get: (name: string) => (name in values ? { value: values[name] } : null) };
    expect(argsFromInteraction(sample, options)).toEqual({ count: 3 });
    const subscribe = commands.find((c) => c.name === "subscribe")!;
    expect(argsFromInteraction(subscribe, { get: (name) => (name === "topic" ? { value: "world" } : name === "channel" ? { value: "300000000000000002" } : null) })).toEqual({
      topic: "world",
      channel: "300000000000000002",
    });
  });
});
