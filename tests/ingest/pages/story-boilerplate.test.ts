import { describe, expect, it } from "vitest";
import { classifyBoilerplate } from "../../../src/ingest/pages/story-boilerplate.js";

describe("classifyBoilerplate", () => {
  it.each([
    "(Reporting by Tom Aldous; Editing by Helen Marsh)",
    "Reporting by Ruth Adeyemi; Editing by Carl Benton",
    "(Writing by Jane Doe)",
    "Additional reporting by Priya Nandakumar",
    "Next In World",
    "Others Also Read",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Follow us on Facebook, X and Instagram for the latest updates.",
    "Copyright 2025 The Associated Press. All rights reserved.",
    "© 2025 Example News",
    "Related Stories",
  ])("end: %s", (text) => {
    expect(classifyBoilerplate(text)).toBe("end");
  });

  it.each(["Advertisement", "Sign up for our newsletter to get the day's top stories.", "Read more: What we know about bridges", "3 min read", "Hide Caption"])("drop: %s", (text) => {
    expect(classifyBoilerplate(text)).toBe("drop");
  });

  it.each([
    "The reporting by local media was later corrected.",
    "Advertisement revenue fell by a third in the quarter, the company said.",
    `Reporting by ${"many people ".repeat(50)}`,
  ])("story text: %s", (text) => {
    expect(classifyBoilerplate(text)).toBeNull();
  });
});
