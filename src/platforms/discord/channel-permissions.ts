import { PermissionFlagsBits } from "discord.js";

/** What the bot needs in a channel to post alerts there (an embed needs Embed Links, or Discord drops it). */
export const ALERT_PERMISSIONS: ReadonlyArray<readonly [bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, "View Channel"],
  [PermissionFlagsBits.SendMessages, "Send Messages"],
  [PermissionFlagsBits.EmbedLinks, "Embed Links"],
];

/** The names of the alert permissions `has` lacks, in the order Discord's settings list them. */
export function missingAlertPermissions(permissions: { has(flag: bigint, checkAdmin?: boolean): boolean } | null): string[] {
  return ALERT_PERMISSIONS.filter(([flag]) => !permissions?.has(flag)).map(([, name]) => name);
}

/** "A", "A and B", "A, B and C". */
export function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
