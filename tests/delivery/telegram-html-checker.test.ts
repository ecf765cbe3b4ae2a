import { describe, expect, it } from "vitest";
import { checkTelegramHtml } from "./telegram-html-checker.js";

// The checker guards the renderer's tests, so it gets a test of its own: it must fail bad markup.
describe("checkTelegramHtml", () => {
  it("accepts balanced allowed tags and counts visible text", () => {
    const report = checkTelegramHtml('<b>a &amp; b</b> <a href="https://x.test/?a=1&amp;b=2">link</a> &#128512;');
    expect(report.errors).toEqual([]);
    expect(report.visible).toBe("a & b link 😀");
  });

  it.each([
    ["<b>open", "unclosed"],
    ["<div>x</div>", "not allowed"],
    ["<b><i>x</b></i>", "closes nothing"],
    ["fish & chips", "bare &"],
    ["&nbsp;", "unknown entity"],
    ["1 > 0", "raw < or >"],
  ])("rejects %s", (html, problem) => {
    expect(checkTelegramHtml(html).errors.join("; ")).toContain(problem);
  });
});
