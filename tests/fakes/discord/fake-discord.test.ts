// The fake is only useful if the real discord.js Client accepts it, so every test drives one.
import { once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  RateLimitError,
  REST,
} from "discord.js";
import type { ClientOptions, Interaction, NewsChannel, TextChannel } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { discordErrors, startFakeDiscord } from "./index.js";
import type { FakeDiscord, FakeDiscordOptions } from "./index.js";

const GUILD = "200000000000000001";
const NEWS = "300000000000000001";
const ANNOUNCEMENTS = "300000000000000002";
const USER = "400000000000000001";

interface Harness {
  dc: FakeDiscord;
  client: Client;
}

const running: Harness[] = [];

afterEach(async () => {
  for (const { dc, client } of running.splice(0)) {
    await client.destroy();
    await dc.close();
  }
});

async function connect(options: FakeDiscordOptions = {}, rest: ClientOptions["rest"] = {}): Promise<Harness> {
  const dc = await startFakeDiscord(options);
  dc.addGuild({ id: GUILD, name: "Newsroom" });
  dc.addChannel({ id: NEWS, guildId: GUILD, name: "news", type: 0 });
  dc.addChannel({ id: ANNOUNCEMENTS, guildId: GUILD, name: "announcements", type: 5 });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { ...rest, api: dc.apiRoot } });
  running.push({ dc, client });
  await Promise.all([once(client, Events.ClientReady), client.login(dc.token)]);
  return { dc, client };
}

function nextInteraction(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

function textChannel(client: Client, id: string): TextChannel {
  return client.channels.cache.get(id) as TextChannel;
}

describe("fake Discord with the real discord.js Client", () => {
  it("logs in and sees the guild, its channels and the bot's permissions", async () => {
    const { dc, client } = await connect();

    expect(client.user?.id).toBe(dc.botUserId);
    expect(client.application?.id).toBe(dc.applicationId);
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.name).toBe("Newsroom");
    expect(guild?.channels.cache.get(NEWS)?.type).toBe(ChannelType.GuildText);
    expect(guild?.channels.cache.get(ANNOUNCEMENTS)?.type).toBe(ChannelType.GuildAnnouncement);
    const me = guild?.members.me;
    expect(me && textChannel(client, NEWS).permissionsFor(me).has(PermissionFlagsBits.EmbedLinks)).toBe(true);
    expect(dc.requests.map((request) => request.path)).toContain("/gateway/bot");
    expect(dc.gatewayLog.find((entry) => entry.event === "connect")?.detail).toContain("compress=none");
  });

  it("delivers a slash command with typed options and records an ephemeral reply", async () => {
    const { dc, client } = await connect();
    await client.application?.commands.set(
      [{
        name: "follow",
        description: "Follow a topic",
        options: [
          { name: "topic", description: "Topic", type: 3, required: true },
          { name: "limit", description: "Per day", type: 10 },
          { name: "channel", description: "Where", type: 7 },
        ],
      }],
      GUILD,
    );
    expect(dc.registeredCommands(GUILD)?.body).toMatchObject([{ name: "follow" }]);

    const arrived = nextInteraction(client);
    const { id } = dc.slashCommand({
      guildId: GUILD,
      channelId: NEWS,
      userId: USER,
      name: "follow",
      options: { topic: "ai", limit: 5, channel: ANNOUNCEMENTS },
      memberPermissions: PermissionFlagsBits.ManageGuild,
    });
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.id).toBe(id);
    expect(interaction.options.getString("topic")).toBe("ai");
    expect(interaction.options.getNumber("limit")).toBe(5);
    expect(interaction.options.getChannel("channel")?.id).toBe(ANNOUNCEMENTS);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);

    await interaction.reply({ content: "Following ai", flags: MessageFlags.Ephemeral });
    const callback = await dc.waitForInteractionResponse(id);
    expect(callback).toMatchObject({ kind: "callback", type: 4, ephemeral: true, data: { content: "Following ai" } });
    expect(dc.messages(NEWS)).toHaveLength(0); // ephemeral replies are not in the channel
  });

  it("records deferReply then editReply in order", async () => {
    const { dc, client } = await connect();
    const arrived = nextInteraction(client);
    const { id } = dc.slashCommand({ guildId: GUILD, channelId: NEWS, userId: USER, name: "digest" });
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await interaction.deferReply();
    await interaction.editReply({ content: "Here is your digest" });
    await interaction.followUp({ content: "One more thing", flags: MessageFlags.Ephemeral });

    expect(dc.interactionResponses(id).map((response) => [response.kind, response.type])).toEqual([
      ["callback", 5],
      ["edit", undefined],
      ["followup", undefined],
    ]);
    const [reply] = dc.messages(NEWS);
    expect(reply).toMatchObject({ source: "interaction", content: "Here is your digest", interactionId: id });
    expect(dc.interaction(id).status).toBe("acknowledged");
  });

  it("records autocomplete choices", async () => {
    const { dc, client } = await connect();
    const arrived = nextInteraction(client);
    const { id } = dc.autocomplete({
      guildId: GUILD,
      channelId: NEWS,
      userId: USER,
      name: "follow",
      options: { topic: "cli" },
      focused: "topic",
    });
    const interaction = await arrived;
    if (!interaction.isAutocomplete()) throw new Error("expected autocomplete");
    expect(interaction.options.getFocused(true)).toMatchObject({ name: "topic", value: "cli" });

    await interaction.respond([{ name: "Climate", value: "climate" }]);
    expect(dc.interactionResponses(id)).toMatchObject([{ type: 8, data: { choices: [{ name: "Climate", value: "climate" }] } }]);
  });

  it("records channel.send with embeds, components and allowed_mentions", async () => {
    const { dc, client } = await connect();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("mute:ai").setLabel("Mute").setStyle(ButtonStyle.Secondary),
    );
    const sent = await textChannel(client, NEWS).send({
      embeds: [{ title: "Breaking", description: "Something happened" }],
      components: [row],
      allowedMentions: { parse: [] },
    });

    const request = await dc.waitFor((candidate) => candidate.method === "POST" && candidate.path === `/channels/${NEWS}/messages`);
    expect(request.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: "Breaking" }] });
    expect(dc.messages(NEWS)).toMatchObject([{ id: sent.id, embeds: [{ title: "Breaking" }], allowedMentions: { parse: [] } }]);
    expect(dc.stats.messagesPosted).toBe(1);

    const arrived = nextInteraction(client);
    dc.clickButton({ guildId: GUILD, channelId: NEWS, userId: USER, messageId: sent.id, customId: "mute:ai" });
    const click = await arrived;
    if (!click.isButton()) throw new Error("expected a button");
    expect(click.customId).toBe("mute:ai");
    await click.update({ content: "Muted", components: [] });
    expect(dc.message(sent.id)).toMatchObject({ content: "Muted", components: [] });
  });

  it("lets discord.js wait out a 429 (Retry-After) and then succeed", async () => {
    const { dc, client } = await connect();
    dc.failNext("POST", "/channels/:channelId/messages", discordErrors.rateLimited(0.3));
    const started = Date.now();
    await textChannel(client, NEWS).send({ content: "after the wait" });

    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const statuses = dc.requests.filter((request) => request.path === `/channels/${NEWS}/messages`).map((request) => request.status);
    expect(statuses).toEqual([429, 200]);
    expect(dc.stats).toMatchObject({ tooManyRequests: 1, invalidRequests: 1, messagesPosted: 1 });
  });

  it("enforces the per-channel bucket through headers discord.js honours", async () => {
    const { dc, client } = await connect();
    dc.setLimits({ perChannel: { count: 2, windowMs: 400 } });
    const channel = textChannel(client, NEWS);
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => channel.send({ content: `alert ${n}` })));

    // The third send waited for the window instead of drawing a 429.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(dc.stats.tooManyRequests).toBe(0);
    expect(dc.messages(NEWS).map((message) => message.content)).toEqual(["alert 1", "alert 2", "alert 3"]);
  });

  it("keeps counting a channel's sends across a client restart, so a fresh client meets a 429", async () => {
    const { dc, client } = await connect();
    dc.setLimits({ perChannel: { count: 2, windowMs: 400 } });
    await textChannel(client, NEWS).send("one");
    await textChannel(client, NEWS).send("two");

    const restarted = new REST({ api: dc.apiRoot }).setToken(dc.token);
    await restarted.post(`/channels/${NEWS}/messages`, { body: { content: "three" } });
    const statuses = dc.requests.filter((request) => request.path === `/channels/${NEWS}/messages`).map((request) => request.status);
    expect(statuses).toEqual([200, 200, 429, 200]);
    expect(dc.stats.tooManyRequests).toBe(1);
  });

  it("answers missing permissions, deleted channels and removed guilds like Discord", async () => {
    const { dc, client } = await connect();
    const channel = textChannel(client, NEWS);
    const updated = once(client, Events.ChannelUpdate);
    dc.setBotPermissions(NEWS, PermissionFlagsBits.ViewChannel);
    await updated;
    expect(channel.permissionsFor(client.user!)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    await expect(channel.send("hi")).rejects.toMatchObject({ code: 50013, status: 403 });

    const deleted = once(client, Events.ChannelDelete);
    dc.deleteChannel(NEWS);
    await deleted;
    await expect(client.rest.post(`/channels/${NEWS}/messages`, { body: { content: "x" } })).rejects.toMatchObject({ code: 10003 });

    const left = once(client, Events.GuildDelete);
    dc.removeGuild(GUILD);
    await left;
    await expect(client.rest.post(`/channels/${ANNOUNCEMENTS}/messages`, { body: { content: "x" } })).rejects.toBeInstanceOf(DiscordAPIError);
    expect(dc.requests.at(-1)).toMatchObject({ status: 403 });
  });

  it("crossposts only in announcement channels, up to its own limit", async () => {
    const { dc, client } = await connect({}, { rejectOnRateLimit: ["/channels/:id/messages/:id/crosspost"] });
    dc.setLimits({ crosspost: { count: 1, windowMs: 60_000 } });
    const news = client.channels.cache.get(ANNOUNCEMENTS) as NewsChannel;
    const first = await news.send("one");
    await first.crosspost();
    expect(dc.message(first.id)?.crossposted).toBe(true);

    const second = await news.send("two");
    await expect(second.crosspost()).rejects.toBeInstanceOf(RateLimitError);

    const plain = await textChannel(client, NEWS).send("not news");
    await expect(client.rest.post(`/channels/${NEWS}/messages/${plain.id}/crosspost`)).rejects.toMatchObject({ code: 50024 });
  });

  it("fails an interaction answered after the deadline with 10062", async () => {
    const { dc, client } = await connect({ interactionDeadlineMs: 100 });
    const arrived = nextInteraction(client);
    const { id } = dc.slashCommand({ guildId: GUILD, channelId: NEWS, userId: USER, name: "slow" });
    const interaction = await arrived;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    await new Promise((resolve) => setTimeout(resolve, 200));

    await expect(interaction.reply("too late")).rejects.toMatchObject({ code: 10062, status: 404 });
    expect(dc.interaction(id)).toMatchObject({ status: "failed" });
    expect(dc.stats.interactionsFailed).toBe(1);
  });

  it("acknowledges heartbeats and retries after a 500", async () => {
    const { dc, client } = await connect({ heartbeatIntervalMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(dc.stats.heartbeats).toBeGreaterThan(0);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);

    dc.failNext("GET", "/channels/:channelId", discordErrors.serverError());
    const fetched = await client.channels.fetch(NEWS, { force: true });
    expect(fetched?.id).toBe(NEWS);
  });

  it("resumes after a dropped connection and replays what was missed", async () => {
    const { dc, client } = await connect();
    const resumed = once(client, Events.ShardResume);
    expect(dc.dropGatewayConnections()).toBe(1);

    const arrived = nextInteraction(client);
    const { id } = dc.slashCommand({ guildId: GUILD, channelId: NEWS, userId: USER, name: "status" });
    await resumed;
    const interaction = await arrived;
    expect(interaction.id).toBe(id);
    expect(dc.stats).toMatchObject({ identifies: 1, resumes: 1 });
  });

  it("ends the session cleanly on client.destroy()", async () => {
    const { dc, client } = await connect();
    await client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dc.gatewayLog.at(-1)).toMatchObject({ event: "close", code: 1000 });
    expect(() => dc.slashCommand({ guildId: GUILD, channelId: NEWS, userId: USER, name: "x" })).toThrow(/no gateway session/);
  });
});
