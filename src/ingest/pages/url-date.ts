// Many news URLs carry their publication day (/2023/11/06/, /202311/17/, /2023-11/17/). It is
// the last resort for a page that states no date: the day only, read as midnight UTC.

const DAY_IN_PATH = /\/((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2])[-/]([0-2]\d|3[01])(?=[/_.-]|$)/;

/** The day in the URL's path, or null when it has none (or it is not a real date). */
export function dateFromUrl(url: string | null | undefined): Date | null {
  if (url == null) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = DAY_IN_PATH.exec(path.slice(0, 300));
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day ? date : null;
}
