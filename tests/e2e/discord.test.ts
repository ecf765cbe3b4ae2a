import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/db/open-database.js";
import { allSubscriptions, type Subscription } from "../../src/db/subscription-queries.js";
import { DEFAULT_MEMBER_PERMISSIONS, discordErrors, startFakeDiscord } from "../fakes/discord/index.js";
import type { FakeDiscord, InteractionResponseRecord, MessageRecord, OptionValues } from "../fakes/discord/index.js";
import { childEnv, runCli, startCli } from "../helpers/run-cli.js";

// The real bot (`newsflash start`, a child process) against the fake Discord in this process.
const GUILD = "200000000000000001";
const OTHER_GUILD = "200000000000000002";
const NEWS = "300000000000000001";
const ANNOUNCEMENTS = "300000000000000002";
const LOBBY = "300000000000000003";
const OTHER_NEWS = "300000000000000004";
const STAFF = "400000000000000001";
const MEMBER = "400000000000000002";
const MANAGE_CHANNELS = PermissionFlagsBits.ManageChannels;

const dir = mkdtempSync(join(tmpdir(), "newsflash-discord-"));
const databaseUrl = join(dir, "bot.db");
let dc: FakeDiscord;
let env: NodeJS.ProcessEnv;
let bot: ReturnType<typeof startCli>;

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}\nbot stderr:\n${bot.stderr.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The answer the user finally sees: the immediate reply, the edit of a deferred one, or an ephemeral follow-up. */
function finalAnswer(responses: InteractionResponseRecord[]): { text: string; ephemeral: boolean; data: Record<string, unknown> } | undefined {
  const last = responses.filter((r) => (r.kind === "callback" && r.type === 4) || r.kind === "edit" || r.kind === "followup").at(-1);
  if (!last?.data) return undefined;
  const embeds = (last.data.embeds ?? []) as Array<{ description?: string }>;
  const text = typeof last.data.content === "string" ? last.data.content : (embeds[0]?.description ?? "");
  return { text, ephemeral: last.ephemeral || responses[0]?.ephemeral === true, data: last.data };
}

async function slash(name: string, options: OptionValues, where: { userId?: string; channelId?: string } = {}) {
  const { id } = dc.slashCommand({ guildId: GUILD, channelId: where.channelId ?? NEWS, userId: where.userId ?? STAFF, name, options });
  const answer = await until(`the answer to /${name}`, () => finalAnswer(dc.interactionResponses(id)));
  return { id, ...answer };
}

async function subscriptionsOf(chatId: string): Promise<Subscription[]> {
  const opened = openSqlite(databaseUrl);
  if (opened.status === "error") throw new Error(opened.error);
  try {
    return (await allSubscriptions(opened.db, { activeOnly: false })).filter((s) => s.platform === "discord" && s.chatId === chatId);
  } finally {
    await opened.db.destroy();
  }
}

/** A feed of world stories (diplomats, summits, embassies: the catalog's `world` topic). */
function feedFile(name: string, titles: string[]): string {
  const items = titles
    .map((title, i) => `<item><title>${title}</title><link>https://wire.example.test/${name}/${i}</link><guid>${name}-${i}</guid><pubDate>${new Date().toUTCString()}</pubDate><description>${title}. Diplomats said talks would continue.</description></item>`)
    .join("\n");
  const path = join(dir, `${name}.xml`);
  writeFileSync(path, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example.test/</link><description>d</description>${items}</channel></rss>`);
  return path;
}

async function importStories(file: string): Promise<void> {
  const result = await runCli(["import", file], { env });
  expect(result.code, result.stderr).toBe(0);
}

const alertsIn = (channelId: string) => dc.messages(channelId).filter((m) => m.source === "channel" && m.embeds.length > 0);

beforeAll(async () => {
  dc = await startFakeDiscord();
  dc.addGuild({ id: GUILD, name: "Newsroom" });
  dc.addChannel({ id: NEWS, guildId: GUILD, name: "news" });
  dc.addChannel({ id: ANNOUNCEMENTS, guildId: GUILD, name: "announcements", type: 5 });
  dc.addChannel({ id: LOBBY, guildId: GUILD, name: "lobby" });
  // Staff manage channels through a role, as on a real server; Discord also reports it per interaction.
  dc.addRole({ guildId: GUILD, name: "staff", permissions: MANAGE_CHANNELS | DEFAULT_MEMBER_PERMISSIONS, memberIds: [STAFF] });
  dc.setMemberPermissions(GUILD, STAFF, DEFAULT_MEMBER_PERMISSIONS | MANAGE_CHANNELS);
  dc.setMemberPermissions(GUILD, MEMBER, DEFAULT_MEMBER_PERMISSIONS);
  dc.addGuild({ id: OTHER_GUILD, name: "Elsewhere" });
  dc.addChannel({ id: OTHER_NEWS, guildId: OTHER_GUILD, name: "news" });

  env = childEnv({ DATABASE_URL: databaseUrl, DISCORD_TOKEN: dc.token, DISCORD_APPLICATION_ID: dc.applicationId, DISCORD_API_ROOT: dc.apiRoot, LOG_LEVEL: "info" });
  bot = startCli(["start"], { env });
  await until("the bot to connect", () => /connected to Discord/.test(bot.stderr) && /newsflash is running/.test(bot.stderr), 20_000);
});

afterAll(async () => {
  if (bot) {
    bot.child.kill("SIGTERM");
    await bot.exited;
  }
  await dc?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Discord bot against a fake Discord", () => {
  it("registers its slash commands at start-up, manage commands for Manage Channels only", () => {
    const registered = dc.registeredCommands()?.commands ?? [];
    expect(registered.map((c) => c.name)).toEqual(expect.arrayContaining(["help", "subscribe", "unsubscribe", "subscriptions", "latest", "search"]));
    expect(registered.find((c) => c.name === "subscribe")?.default_member_permissions).toBe(MANAGE_CHANNELS.toString());
    expect(registered.find((c) => c.name === "latest")?.default_member_permissions).toBeNull();
  });

  it("reports the connection and Discord's invalid-request budget in /healthz", async () => {
    const port = Number(/"httpPort":(\d+)/.exec(bot.stderr)?.[1]);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { platforms: Record<string, { state: string; detail?: string }> };
    expect(health.platforms.discord).toEqual({ state: "running", detail: "invalid requests in the last 10 min: 0 of 10000" });
  });

  it("lets staff subscribe this channel and another one, and refuses a member without Manage Channels", async () => {
    const here = await slash("subscribe", { topic: "world" });
    expect(here).toMatchObject({ text: "Subscribed: this chat now follows World (world).", ephemeral: true });

    const there = await slash("subscribe", { topic: "world", channel: ANNOUNCEMENTS });
    expect(there).toMatchObject({ text: "Subscribed: #announcements now follows World (world).", ephemeral: true });

    const refused = await slash("subscribe", { topic: "sports" }, { userId: MEMBER });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toMatch(/Manage Channels/);
    expect((await subscriptionsOf(NEWS)).map((s) => s.topicSlug)).toEqual(["world"]);
    expect((await subscriptionsOf(ANNOUNCEMENTS)).map((s) => s.topicSlug)).toEqual(["world"]);
  });

  it("says which permissions it lacks in a channel staff want to subscribe", async () => {
    dc.setBotPermissions(LOBBY, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
    const answer = await slash("subscribe", { topic: "world", channel: LOBBY });
    expect(answer.text).toMatch(/I cannot post alerts in #lobby: I am missing Embed Links there/);
    expect(await subscriptionsOf(LOBBY)).toEqual([]);
    dc.setBotPermissions(LOBBY, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks);
  });

  it("suggests matching topics, and the channel's subscriptions for /unsubscribe", async () => {
    const topics = dc.autocomplete({ guildId: GUILD, channelId: NEWS, userId: STAFF, name: "subscribe", options: { topic: "wor" }, focused: "topic" });
    const topicChoices = (await dc.waitForInteractionResponse(topics.id, 5000)).data?.choices as Array<{ name: string; value: string }>;
    expect(topicChoices[0]).toEqual({ name: "World (world)", value: "world" });
    expect(topicChoices.length).toBeLessThanOrEqual(25);

    const followed = dc.autocomplete({ guildId: GUILD, channelId: NEWS, userId: STAFF, name: "unsubscribe", options: { topic: "" }, focused: "topic" });
    const followedChoices = (await dc.waitForInteractionResponse(followed.id, 5000)).data?.choices as Array<{ value: string }>;
    expect(followedChoices.map((c) => c.value)).toEqual(["world", "all"]);
  });

  it("posts each alert as an embed that pings nobody, and publishes it from the announcement channel within Discord's limit", async () => {
    // A short stand-in for Discord's 10 an hour, long enough to look at the backlog on a busy machine.
    dc.setLimits({ crosspost: { count: 1, windowMs: 6000 } });
    await importStories("tests/fixtures/two-world-stories.xml");

    const inNews = await until("two alerts in #news", () => alertsIn(NEWS).length === 2 && alertsIn(NEWS));
    expect(inNews.map((m) => m.embeds[0]?.title).sort()).toEqual(["Foreign ministers sign a refugee treaty in Geneva", "UN Security Council meets over border clashes"]);
    for (const alert of inNews) {
      expect(alert.allowedMentions).toEqual({ parse: [] });
      expect(alert.embeds[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/wire\.example\.test\//), footer: { text: expect.stringContaining("Test Wire") } });
    }

    const announced = await until("two alerts in #announcements", () => alertsIn(ANNOUNCEMENTS).length === 2 && alertsIn(ANNOUNCEMENTS));
    await until("the first one published", () => announced.some((m) => dc.message(m.id)?.crossposted));
    // The second publish waits for the limit to reset; staff can see it waiting.
    await until("the second publish queued", () => /Discord publish limit reached/.test(bot.stderr));
    const waiting = await slash("subscriptions", {}, { channelId: ANNOUNCEMENTS });
    expect(waiting.text).toMatch(/1 alert is waiting to be published to the servers that follow this channel/);
    await until("both published", () => announced.every((m: MessageRecord) => dc.message(m.id)?.crossposted), 12_000);
    const after = await slash("subscriptions", {}, { channelId: ANNOUNCEMENTS });
    expect(after.text).not.toMatch(/waiting to be published/);
  });

  it("defers /search and then edits the reply with the results", async () => {
    const { id, text } = await slash("search", { query: "refugee treaty" }, { userId: MEMBER });
    expect(dc.interactionResponses(id).map((r) => [r.kind, r.type])).toEqual([
      ["callback", 5],
      ["edit", undefined],
    ]);
    expect(text).toContain("Foreign ministers sign a refugee treaty in Geneva");
    expect(dc.interaction(id).status).toBe("acknowledged");
  });

  it("waits as long as a 429 says; pauses a channel where it lost its permissions and tells the staff where it still can", async () => {
    dc.failNext("POST", `/channels/${NEWS}/messages`, discordErrors.rateLimited(1.5));
    dc.setBotPermissions(ANNOUNCEMENTS, PermissionFlagsBits.ViewChannel);
    await importStories(feedFile("embassy", ["Embassy in Lima reopens after two years"]));

    await until("the alert after the wait", () => alertsIn(NEWS).length === 3, 10_000);
    const hasEmbed = (body: unknown) => Array.isArray((body as { embeds?: unknown } | undefined)?.embeds);
    const posts = dc.requests.filter((r) => r.method === "POST" && r.path === `/channels/${NEWS}/messages` && hasEmbed(r.body));
    const limited = posts.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    const retried = posts.slice(limited + 1).find((r) => r.status === 200);
    expect(retried && retried.at - posts[limited]!.at).toBeGreaterThanOrEqual(1400);

    await until("#announcements paused", async () => (await subscriptionsOf(ANNOUNCEMENTS)).every((s) => !s.active));
    const notice = await until("a notice for the staff", () => [NEWS, LOBBY].flatMap((id) => dc.messages(id)).find((m) => m.content.includes(`<#${ANNOUNCEMENTS}>`)));
    expect(notice.content).toMatch(/I stopped posting news alerts in <#\d+>: I am missing Send Messages and Embed Links there/);
    expect(notice.allowedMentions).toEqual({ parse: [] });
    // Staff fix it and subscribe again: the channel follows the topic again.
    dc.setBotPermissions(ANNOUNCEMENTS, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks);
    const again = await slash("subscribe", { topic: "world" }, { channelId: ANNOUNCEMENTS });
    expect(again.text).toBe("Updated: this chat now follows World (world).");
  });

  it("runs a reply's button as the command it names", async () => {
    await slash("subscribe", { topic: "sports" }, { channelId: LOBBY });
    const list = await slash("subscriptions", {}, { channelId: LOBBY, userId: MEMBER });
    expect(list.text).toContain("`sports` — instant");
    const messageId = dc.interactionResponses(list.id)[0]?.messageId ?? "";
    const button = ((list.data.components ?? []) as Array<{ components: Array<{ label: string; custom_id: string }> }>)[0]?.components[0];
    expect(button?.label).toBe("Unsubscribe sports");

    const refused = dc.clickButton({ guildId: GUILD, channelId: LOBBY, userId: MEMBER, messageId, customId: button?.custom_id ?? "" });
    expect(await until("the refusal", () => finalAnswer(dc.interactionResponses(refused.id)))).toMatchObject({ ephemeral: true, text: expect.stringMatching(/Manage Channels/) });
    const click = dc.clickButton({ guildId: GUILD, channelId: LOBBY, userId: STAFF, messageId, customId: button?.custom_id ?? "" });
    expect(await until("the click's answer", () => finalAnswer(dc.interactionResponses(click.id)))).toMatchObject({ ephemeral: true, text: "Unsubscribed from sports." });
    expect((await subscriptionsOf(LOBBY)).map((s) => s.active)).toEqual([false]);
  });

  it("resumes the gateway session after a dropped connection and keeps answering", async () => {
    dc.dropGatewayConnections();
    await until("the resume", () => /Discord gateway session resumed/.test(bot.stderr), 15_000);
    expect(bot.stderr).toMatch(/Discord gateway connection lost; reconnecting/);
    expect((await slash("help", {})).text).toContain("/subscribe world");
  });

  it("deactivates a deleted channel's subscriptions, and a server's when the bot is removed", async () => {
    dc.deleteChannel(NEWS);
    await until("#news deactivated", async () => (await subscriptionsOf(NEWS)).every((s) => !s.active));

    const { id } = dc.slashCommand({ guildId: OTHER_GUILD, channelId: OTHER_NEWS, userId: STAFF, name: "subscribe", options: { topic: "world" }, memberPermissions: MANAGE_CHANNELS });
    await until("the other server subscribed", () => finalAnswer(dc.interactionResponses(id)));
    expect((await subscriptionsOf(OTHER_NEWS)).map((s) => s.active)).toEqual([true]);
    dc.removeGuild(OTHER_GUILD);
    await until("the other server's channel deactivated", async () => (await subscriptionsOf(OTHER_NEWS)).every((s) => !s.active));
  });

  it("register-commands bulk-overwrites the commands in DISCORD_GUILD_ID", async () => {
    const result = await runCli(["register-commands", "--json"], { env: { ...env, DISCORD_GUILD_ID: GUILD } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ platform: "discord", status: "ok" })]);
    const overwrite = dc.requests.find((r) => r.method === "PUT" && r.path === `/applications/${dc.applicationId}/guilds/${GUILD}/commands`);
    expect(overwrite?.status).toBe(200);
    const subscribe = dc.registeredCommands(GUILD)?.commands.find((c) => c.name === "subscribe");
    expect(subscribe).toMatchObject({
      default_member_permissions: MANAGE_CHANNELS.toString(),
      options: [
        { name: "topic", type: 3, required: true, autocomplete: true },
        { name: "mode", type: 3, required: false },
        { name: "channel", type: 7, channel_types: [0, 5] },
      ],
    });
  });

  it("stops cleanly on SIGTERM, ending its gateway session", async () => {
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.stderr).toMatch(/stopped cleanly/);
    expect(dc.gatewayLog.filter((entry) => entry.event === "close").at(-1)?.code).toBe(1000);
  });
});
