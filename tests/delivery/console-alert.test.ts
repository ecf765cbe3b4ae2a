import { describe, expect, it } from "vitest";
import { renderConsoleAlert } from "../../src/delivery/render/console-alert.js";
import { makeAlert, SAME_DAY } from "./alert-fixture.js";

// eslint-disable-next-line no-control-regex
const ANSI_OR_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

describe("renderConsoleAlert", () => {
  it("reads like the chat message, without colour by default", () => {
    const text = renderConsoleAlert(makeAlert({ breaking: true }), { now: SAME_DAY });
    expect(text).toBe(
      [
        "🔴 BREAKING",
        "Parliament passes budget",
        "",
        "The vote came after a night of talks.",
        "",
        "Reuters · 14:05 CET",
        "+2 more: AP, BBC",
        "https://news.example/story/42",
        "#world #europe",
      ].join("\n"),
    );
    expect(ANSI_OR_CONTROL.test(text)).toBe(false);
  });

  it("adds ANSI styles only when asked", () => {
    const text = renderConsoleAlert(makeAlert({ breaking: true }), { now: SAME_DAY, color: true });
    expect(text).toContain("\x1b[1;31m🔴 BREAKING\x1b[22;39m");
    expect(text).toContain("\x1b[1mParliament passes budget\x1b[22m");
  });

  it("drops escape sequences smuggled into the data", () => {
    const text = renderConsoleAlert(
      makeAlert({ title: "Hi\x1b]0;pwned\x07 there", summary: "clear\x1b[2J screen", source: "\x9bEvil" }),
      { now: SAME_DAY },
    );
    expect(ANSI_OR_CONTROL.test(text)).toBe(false);
    expect(text).toContain("Hi]0;pwned there");
  });

  it("skips the parts an alert does not have", () => {
    const text = renderConsoleAlert(makeAlert({ summary: "", moreSources: [], topics: [], url: "" }), { now: SAME_DAY });
    expect(text).toBe("Parliament passes budget\n\nReuters · 14:05 CET");
  });
});
