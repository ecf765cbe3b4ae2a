import { describe, expect, it } from "vitest";
import { isPhotoCaption } from "../../../src/ingest/pages/photo-caption.js";

describe("isPhotoCaption", () => {
  it.each([
    "Rescue workers search the rubble in Kyiv, Ukraine, November 26, 2025. REUTERS/Jane Doe",
    "A damaged boat rests on the slipway, November 26, 2025. REUTERS/Jane Doe/File Photo",
    "The minister arrives for talks in Brussels, November 26, 2025. Jane Doe/Pool via REUTERS",
    "Firefighters work at the scene on Monday, Nov. 24, 2025. (AP Photo/John Smith)",
    "A plume of ash rises over the village. Photo: AP",
    "Flooded streets in the old town. Photograph: Jane Doe/AFP",
    "Crowds gather outside the court on Tuesday. AFP",
    "Supporters wave flags during the rally. Jane Doe/Getty Images",
    "Supporters wave flags during the rally. AFP via Getty Images",
    "A protester holds a sign in Paris. (Photo by Jane Doe/Getty Images)",
    "Police officers at the scene. EPA-EFE/JANE DOE",
  ])("caption: %s", (text) => {
    expect(isPhotoCaption(text)).toBe(true);
  });

  it.each([
    "The ministry said on Tuesday that talks would resume, according to Reuters.",
    "Officials told AFP the death toll had risen to 31.",
    "Results of an AP/NORC poll released on Monday showed support falling.",
    "SEOUL, Aug. 20 (Yonhap) -- North Korea's official newspaper blasted South Korea on Tuesday.",
    `${"A very long paragraph of story text. ".repeat(20)}REUTERS/Jane Doe`,
    "",
  ])("not a caption: %s", (text) => {
    expect(isPhotoCaption(text)).toBe(false);
  });
});
