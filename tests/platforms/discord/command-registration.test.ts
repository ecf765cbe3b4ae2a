import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS_VERSION_KEY, registerCommandsIfChanged, resolveApplicationId } from "../../../src/platforms/discord/command-registration.js";
import { getKv } from "../../../src/db/kv-queries.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/index.js";
import { createTempDatabase, type TempDatabase } from "../../helpers/temp-db.js";

const GUILD = "200000000000000001";

let dc: FakeDiscord;
let temp: TempDatabase;
let rest: REST;

beforeEach(async () => {
  dc = await startFakeDiscord();
  dc.addGuild({ id: GUILD });
  temp = await createTempDatabase();
  rest = new REST({ api: dc.apiRoot }).setToken(dc.token);
});

afterEach(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await dc.close();
  await temp.cleanup();
});

const overwrites = () => dc.requests.filter((r) => r.method === "PUT").map((r) => r.path);

describe("registering slash commands at start-up", () => {
  it("overwrites the commands once, and again only when the definitions or the scope change", async () => {
    const applicationId = await resolveApplicationId(rest, undefined);
    expect(applicationId).toBe(dc.applicationId);
    const global = { applicationId, guildId: undefined };

    expect(await registerCommandsIfChanged(rest, temp.db, global, "v1")).toMatchObject({ scope: "global", names: expect.arrayContaining(["subscribe"]) });
    expect(await getKv(temp.db, COMMANDS_VERSION_KEY)).toBeDefined();
    expect(await registerCommandsIfChanged(rest, temp.db, global, "v1")).toBe("unchanged");
    expect(overwrites()).toEqual([`/applications/${applicationId}/commands`]);

    expect(await registerCommandsIfChanged(rest, temp.db, global, "v2")).not.toBe("unchanged");
    expect(await registerCommandsIfChanged(rest, temp.db, { applicationId, guildId: GUILD }, "v2")).toMatchObject({ scope: `guild ${GUILD}` });
    expect(overwrites()).toEqual([`/applications/${applicationId}/commands`, `/applications/${applicationId}/commands`, `/applications/${applicationId}/guilds/${GUILD}/commands`]);
    expect(dc.registeredCommands(GUILD)?.commands.map((c) => c.name)).toContain("unsubscribe");
  });
});
