import { describe, expect, it } from "vitest";
import { isProse, tidyParagraphs } from "../../../src/ingest/pages/tidy-paragraphs.js";

describe("tidyParagraphs", () => {
  it("skips a dateline split over lines and other clutter before the lead", () => {
    const input = ["New York", "CNN", "—", "Donald Trump brought bombastic rhetoric to the witness stand on Monday.", "A second paragraph of story text follows here."];
    expect(tidyParagraphs(input).paragraphs).toEqual(input.slice(3));
  });

  it("drops captions, CNN gallery captions, furniture and repeats, and stops at the credit", () => {
    const result = tidyParagraphs([
      "Police adjust a barricade along the parade route in New York.",
      "Hide Caption",
      "LONDON (Reuters) - The first paragraph of the story sets out what happened today.",
      "Workers clear debris on Wednesday. REUTERS/Jane Doe",
      "Advertisement",
      "The second paragraph adds detail.",
      "The second paragraph adds detail.",
      "(Reporting by Jane Doe; Editing by John Roe)",
      "Next In World",
    ]);
    expect(result).toEqual({
      paragraphs: ["LONDON (Reuters) - The first paragraph of the story sets out what happened today.", "The second paragraph adds detail."],
      captionsDropped: 2,
      endFound: true,
    });
  });

  it("does not end the story at furniture that comes before it", () => {
    const input = ["Follow us on X", "Related Stories", "The story starts here with a full sentence of text.", "(Reporting by Jane Doe)", "Next In World"];
    expect(tidyParagraphs(input)).toEqual({ paragraphs: ["The story starts here with a full sentence of text."], captionsDropped: 0, endFound: true });
  });

  it("keeps leading short paragraphs when skipping them would lose most of the text", () => {
    const input = ["Breaking", "Short update.", "Tiny"];
    expect(tidyParagraphs(input).paragraphs).toEqual(["Breaking", "Short update.", "Tiny"]);
  });
});

describe("isProse", () => {
  it.each([
    ["Justice Samuel Alito is the tip of the spear at the Supreme Court.", true],
    ["新华社北京11月17日电 记者17日从国家卫生健康委获悉，全力保障人民群众临床用药需求。", true],
    ["Obama on hacking: I warned Putin to 'cut it out'", false],
    ["Video Ad Feedback", false],
    ["Submitted on Mon, 2019-01-21 13:49", false],
  ])("%s → %s", (text, expected) => {
    expect(isProse(text)).toBe(expected);
  });
});
