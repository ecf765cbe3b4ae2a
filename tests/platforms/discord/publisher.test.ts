import { Routes, REST, type APIMessage } from "discord.js";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishBacklog, queuePublish } from "../../../src/db/discord-queries.js";
import { createPublisher, type Publisher } from "../../../src/platforms/discord/publisher.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/index.js";
import { createTempDatabase, type TempDatabase } from "../../helpers/temp-db.js";

const GUILD = "200000000000000001";
const ANNOUNCEMENTS = "300000000000000002";
const logger = pino({ level: "silent" });

let dc: FakeDiscord;
let temp: TempDatabase;
let rest: REST;
const publishers: Publisher[] = [];

beforeEach(async () => {
  dc = await startFakeDiscord();
  dc.addGuild({ id: GUILD });
  dc.addChannel({ id: ANNOUNCEMENTS, guildId: GUILD, type: 5 });
  temp = await createTempDatabase();
  rest = new REST({ api: dc.apiRoot, rejectOnRateLimit: ["/channels/:id/messages/:id/crosspost"] }).setToken(dc.token);
});

afterEach(async () => {
  for (const publisher of publishers.splice(0)) await publisher.stop();
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await dc.close();
  await temp.cleanup();
});

async function post(content: string): Promise<string> {
  return ((await rest.post(Routes.channelMessages(ANNOUNCEMENTS), { body: { content } })) as APIMessage).id;
}

function publisher(): Publisher {
  const created = createPublisher({ rest, db: temp.db, logger });
  publishers.push(created);
  return created;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("the publish backlog", () => {
  it("publishes at once, queues past the limit, and publishes in order when the limit resets", async () => {
    // Wide enough that a loaded machine still posts all three inside one window.
    dc.setLimits({ crosspost: { count: 1, windowMs: 2000 } });
    const p = publisher();
    await p.start();
    const [first, second, third] = [await post("one"), await post("two"), await post("three")];
    await p.publish(ANNOUNCEMENTS, first, 1);
    await p.publish(ANNOUNCEMENTS, second, 2);
    await p.publish(ANNOUNCEMENTS, third, 3);

    expect(dc.message(first)?.crossposted).toBe(true);
    expect(dc.message(second)?.crossposted).toBe(false);
    expect(await publishBacklog(temp.db, ANNOUNCEMENTS)).toMatchObject({ count: 2, nextDueAt: expect.any(Number) });
    expect(p.waiting).toBe(2);

    await until(() => dc.message(third)?.crossposted === true, 15_000);
    const order = dc.requests.filter((r) => r.path.endsWith("/crosspost") && r.status === 200).map((r) => r.path.split("/")[4]);
    expect(order).toEqual([first, second, third]);
    // The backlog row goes just after Discord confirms the publish the fake has already recorded.
    await until(async () => (await publishBacklog(temp.db)).count === 0);
    // Once discord.js has learned the route's bucket it stops asking while the limit is spent: at
    // most the first over-limit publish draws a 429, never each retry.
    expect(dc.stats.tooManyRequests).toBeLessThanOrEqual(1);
  });

  it("picks up what an earlier process left queued", async () => {
    const id = await post("from before the restart");
    await queuePublish(temp.db, { channelId: ANNOUNCEMENTS, messageId: id, storyId: 1, dueAt: Date.now(), error: "publish limit reached" });
    await publisher().start();
    await until(() => dc.message(id)?.crossposted === true);
  });

  it("drops a channel's backlog when the channel is gone", async () => {
    await queuePublish(temp.db, { channelId: ANNOUNCEMENTS, messageId: "500000000000000001", storyId: 1, dueAt: Date.now() + 60_000, error: "limit" });
    const p = publisher();
    await p.forget(ANNOUNCEMENTS);
    expect(await publishBacklog(temp.db, ANNOUNCEMENTS)).toEqual({ count: 0, nextDueAt: null });
  });
});
