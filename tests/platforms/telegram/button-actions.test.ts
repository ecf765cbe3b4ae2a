import { describe, expect, it } from "vitest";
import { createButtonActions } from "../../../src/platforms/telegram/button-actions.js";

describe("button actions in callback_data", () => {
  it("keeps short actions inline, so buttons survive a restart", () => {
    const data = createButtonActions().encode({ action: "unsubscribe #3", onPress: "edit" });
    expect(data).toBe("e:unsubscribe #3");
    // A fresh instance (a restarted process) still understands it.
    expect(createButtonActions().decode(data)).toEqual({ action: "unsubscribe #3", onPress: "edit" });
    expect(createButtonActions().decode(createButtonActions().encode({ action: "mute 1h", onPress: "send" }))).toEqual({ action: "mute 1h", onPress: "send" });
  });

  it("stays within Telegram's 64 bytes for long and non-ASCII actions", () => {
    const actions = createButtonActions();
    const long = `search ${"überschwemmung ".repeat(8)}page:2`;
    const data = actions.encode({ action: long, onPress: "edit" });
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(64);
    expect(actions.decode(data)).toEqual({ action: long, onPress: "edit" });
  });

  it("forgets the oldest long actions beyond its bound and does not decode foreign data", () => {
    const actions = createButtonActions(2);
    const keys = ["a", "b", "c"].map((c) => actions.encode({ action: `latest ${c.repeat(70)}`, onPress: "send" }));
    expect(actions.decode(keys[0] ?? "")).toBeUndefined();
    expect(actions.decode(keys[2] ?? "")).toMatchObject({ onPress: "send" });
    expect(actions.decode("something-else")).toBeUndefined();
  });
});
