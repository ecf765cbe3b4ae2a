/** A small, fictional RSS feed for tests that need a body that parses. */
export function sampleRss(title = "Fictional Gazette", items = 3): string {
  const entries = Array.from({ length: items }, (_, index) => {
    const n = index + 1;
    return [
      "<item>",
      `<title>${title} story ${n}</title>`,
      `<link>https://gazette.example/story-${n}</link>`,
      `<guid>gazette-story-${n}</guid>`,
      `<pubDate>Mon, 0${n} Jan 2024 08:00:00 GMT</pubDate>`,
      `<description>Story ${n} of the ${title}.</description>`,
      "</item>",
    ].join("");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${title}</title><link>https://gazette.example/</link><description>Fictional news</description>`,
    ...entries,
    "</channel></rss>",
  ].join("\n");
}
