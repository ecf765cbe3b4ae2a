import { generateOpml, parseOpml } from "feedsmith";
import type { Source } from "../db/source-queries.js";

export interface OpmlFeed {
  url: string;
  name: string | null;
  /** OPML `category` values ("/world,/europe") read as topic slugs. */
  topics: string[];
}

export type OpmlParseResult = { status: "ok"; feeds: OpmlFeed[] } | { status: "error"; error: string };

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  category?: string;
  outlines?: Outline[];
}

/** Every outline with an xmlUrl, at any depth (folders are flattened). */
export function readOpml(text: string): OpmlParseResult {
  if (/<!ENTITY/i.test(text)) return { status: "error", error: "OPML declares XML entities; refused to expand them" };
  let doc: { body?: { outlines?: Outline[] } };
  try {
    doc = parseOpml(text) as typeof doc;
  } catch (error) {
    return { status: "error", error: `not an OPML file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const feeds: OpmlFeed[] = [];
  const walk = (outlines: Outline[] | undefined) => {
    for (const o of outlines ?? []) {
      if (o.xmlUrl && /^https?:\/\//i.test(o.xmlUrl)) {
        const topics = (o.category ?? "")
          .split(",")
          .map((c) => c.trim().replace(/^\/+/, "").toLowerCase())
          .filter((c) => /^[a-z0-9-]+$/.test(c));
        feeds.push({ url: o.xmlUrl, name: o.title ?? o.text ?? null, topics });
      }
      walk(o.outlines);
    }
  };
  walk(doc.body?.outlines);
  return { status: "ok", feeds };
}

export function writeOpml(sources: readonly Source[]): string {
  return generateOpml({
    head: { title: "newsflash sources" },
    body: {
      outlines: sources.map((s) => ({
        text: s.name,
        title: s.name,
        type: "rss",
        xmlUrl: s.url,
        ...(s.topics.length > 0 ? { category: s.topics.map((t) => `/${t}`).join(",") } : {}),
      })),
    },
  });
}
