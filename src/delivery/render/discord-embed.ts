/**
 * The subset of Discord's embed object we send, as plain data. It is structurally what discord.js
 * calls `APIEmbed`, so the adapter passes it through without the pipeline importing the SDK.
 */
export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  /** 0xRRGGBB */
  color?: number;
  /** ISO 8601; Discord shows it in each reader's own time zone. */
  timestamp?: string;
  footer?: { text: string };
  fields?: DiscordEmbedField[];
}

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** Discord's documented limits, in characters; we count UTF-16 code units, which is never fewer. */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** title + description + field names and values + footer text (+ author name) of one embed */
  embedTotal: 6000,
} as const;

/** The characters Discord counts against `embedTotal`. */
export function embedLength(embed: DiscordEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields;
}
