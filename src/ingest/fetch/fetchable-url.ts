export type FetchableUrl = { status: "ok"; url: URL } | { status: "invalid"; message: string };

const SHOWN_INPUT_CHARS = 200;

/** Only http and https: file:, data: or ftp: URLs from a user must never reach the fetcher. */
export function parseFetchableUrl(raw: string): FetchableUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { status: "invalid", message: `not a valid URL: "${raw.slice(0, SHOWN_INPUT_CHARS)}"` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { status: "invalid", message: `only http and https URLs can be fetched, not ${url.protocol}` };
  }
  return { status: "ok", url };
}
