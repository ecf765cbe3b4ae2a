import { PermissionFlagsBits } from "discord.js";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commandsVersion } from "../../../commands/version.js";
import { chatSubscriptions } from "../../../src/db/subscription-queries.js";
import { createDiscordAdapter } from "../../../src/platforms/discord/discord-adapter.js";
import type { PlatformAdapter } from "../../../src/platforms/platform.js";
import { createCommandServices } from "../../../src/services.js";
import { DEFAULT_MEMBER_PERMISSIONS, startFakeDiscord, type FakeDiscord } from "../../fakes/discord/index.js";
import { shardOfGuild } from "../../fakes/discord/gateway.js";
import { createTempDatabase, type TempDatabase } from "../../helpers/temp-db.js";

// Guild ids whose timestamp part is even / odd: Discord puts them on shard 0 / 1 of two.
const GUILD_A = String(100_000_000_000n << 22n);
const GUILD_B = String(100_000_000_001n << 22n);
const STAFF = "400000000000000001";

let dc: FakeDiscord;
let t: TempDatabase;
let adapter: PlatformAdapter | undefined;

beforeEach(async () => {
  dc = await startFakeDiscord({ recommendedShards: 2 });
  t = await createTempDatabase();
});
afterEach(async () => {
  await adapter?.stop();
  await dc.close();
  await t.cleanup();
});

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Discord sharding", () => {
  it("runs the shard count Discord recommends, and each guild's commands are answered once", async () => {
    expect([shardOfGuild(GUILD_A, 2), shardOfGuild(GUILD_B, 2)]).toEqual([0, 1]);
    const channels = [GUILD_A, GUILD_B].map((guildId) => {
      dc.addGuild({ id: guildId, name: `guild ${guildId.slice(-4)}` });
      dc.setMemberPermissions(guildId, STAFF, DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageChannels);
      return dc.addChannel({ guildId, name: "news", type: 0 }).id;
    });
    const services = createCommandServices(t.db, { defaultTimezone: "UTC" });
    adapter = createDiscordAdapter({ token: dc.token, applicationId: dc.applicationId, apiRoot: dc.apiRoot, guildId: undefined }, { services, logger: pino({ level: "silent" }), commandsVersion: commandsVersion() });
    await adapter.start();
    // discord.js spaces shard logins (one identify per 5 s per bucket), so allow for two.
    await until(() => dc.stats.identifies === 2 && adapter?.health().state === "running", 20_000);
    expect(dc.gatewayLog.filter((e) => e.event === "identify")).toHaveLength(2);

    const asked = [GUILD_A, GUILD_B].map((guildId, i) => dc.slashCommand({ guildId, channelId: channels[i]!, userId: STAFF, name: "subscribe", options: { topic: "world" } }));
    for (const { id } of asked) await dc.waitForInteractionResponse(id, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const { id } of asked) expect(dc.interactionResponses(id).filter((r) => r.kind === "callback")).toHaveLength(1);
    for (const channelId of channels) {
      expect((await chatSubscriptions(t.db, { platform: "discord", chatId: channelId })).map((s) => s.topicSlug)).toEqual(["world"]);
    }
  }, 40_000);
});
