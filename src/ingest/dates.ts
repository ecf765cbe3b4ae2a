// Feed dates as written in the wild: RFC 822 and ISO 8601, plus the broken variants real feeds
// publish (missing seconds, named zones, two-digit years, month names in other languages).
// Everything is read by a small tokenizer instead of Date.parse, whose lenient guesses and
// local-time defaults differ between engines.

/** How far ahead of `now` a date may be before it is treated as a clock error and clamped. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const MONTHS = new Map<string, number>();
function months(month: number, ...names: string[]): void {
  for (const name of names) MONTHS.set(name, month);
}
// English, Portuguese, Spanish, German, French, Italian, Dutch: abbreviations and full names.
months(1, "jan", "january", "janeiro", "ene", "enero", "januar", "janv", "janvier", "gen", "gennaio", "januari", "jänner", "jän");
months(2, "feb", "february", "fev", "fevereiro", "febrero", "februar", "févr", "fevr", "février", "fevrier", "febbraio", "februari");
months(3, "mar", "march", "março", "marco", "marzo", "mär", "mrz", "märz", "maerz", "mars", "mrt", "maart");
months(4, "apr", "april", "abr", "abril", "avr", "avril", "aprile");
months(5, "may", "mai", "maio", "mayo", "mag", "maggio", "mei");
months(6, "jun", "june", "junho", "junio", "juni", "juin", "giu", "giugno");
months(7, "jul", "july", "julho", "julio", "juli", "juil", "juillet", "lug", "luglio");
months(8, "aug", "august", "ago", "agosto", "août", "aout", "augustus");
months(9, "sep", "sept", "september", "set", "setembro", "septiembre", "septembre", "settembre");
months(10, "oct", "october", "out", "outubro", "octubre", "okt", "oktober", "octobre", "ott", "ottobre");
months(11, "nov", "november", "novembro", "noviembre", "novembre");
months(12, "dec", "december", "dez", "dezembro", "dic", "diciembre", "dezember", "déc", "décembre", "decembre", "dicembre");

/** Offsets in minutes east of UTC for the zone names feeds actually use. */
const ZONES = new Map<string, number>(Object.entries({
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, cet: 60, cest: 120, met: 60, mest: 120, west: 60, eet: 120, eest: 180, msk: 180,
  ist: 330, pkt: 300, sgt: 480, hkt: 480, awst: 480, jst: 540, kst: 540,
  acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780, brt: -180, art: -180,
}));

// Anchored and without nested quantifiers: linear on any input.
const ISO_DATE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[t ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)? ?(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/;
/** The common RFC 822 shape, read without tokenizing: "Mon, 26 Nov 2018 10:00:00 +0000". */
const RFC822 = /^(?:[a-z]{2,9}\.?,? )?(\d{1,2}) ([a-z]{3,9})\.? (\d{4}|\d{2}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([a-z]{1,5}|[+-]\d{2}:?\d{2}))?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const NUMERIC_ZONE = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/;

/**
 * Reads a feed date; null when it is missing or not understood. A date without a zone is UTC.
 * With `now`, a date more than a few minutes in the future is clamped to `now`.
 */
export function parseFeedDate(raw: string | null | undefined, now?: Date): Date | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (trimmed === "" || trimmed.length > 100) return null;
  const fast = parseRfc822(trimmed);
  const text = fast === null ? trimmed.toLowerCase().replace(/\s+/g, " ") : "";
  const date = fast ?? parseIso(text) ?? parseTokens(text);
  if (date === null) return null;
  return now === undefined ? date : clampToNow(date, now);
}

/** Never in the future: a publisher's clock running ahead must not pin a story to the top. */
export function clampToNow(date: Date, now: Date): Date {
  return date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS ? new Date(now.getTime()) : date;
}

function parseRfc822(text: string): Date | null {
  const m = RFC822.exec(text);
  if (m === null) return null;
  const [, d, mon, y, h, mi, sec, zone] = m;
  const month = MONTHS.get(mon!.toLowerCase());
  const offset = zone === undefined ? 0 : zoneOffset(zone.toLowerCase());
  if (month === undefined || offset === null) return null;
  const year = y!.length === 2 ? twoDigitYear(Number(y)) : Number(y);
  return build(year, month, Number(d), Number(h), Number(mi), Number(sec ?? 0), 0, offset);
}

function parseIso(text: string): Date | null {
  const m = ISO_DATE.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === null) return null;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms, offset);
}

function parseTokens(text: string): Date | null {
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let time: [number, number, number] | undefined;
  let offset = 0;
  let pm: boolean | undefined;
  const numbers: string[] = [];

  // "gmt+0200" and "+0000" stand alone; commas and dots after words ("Nov.", "Mon,") are noise.
  for (const token of text.replace(/,/g, " ").split(" ")) {
    if (token === "") continue;
    const word = token.endsWith(".") ? token.slice(0, -1) : token;
    const t = TIME.exec(word);
    if (t !== null) {
      time = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
      continue;
    }
    if (/^\d+$/.test(word)) {
      numbers.push(word);
      continue;
    }
    if (word === "am" || word === "pm") {
      pm = word === "pm";
      continue;
    }
    const zone = zoneOffset(word);
    if (zone !== null) {
      offset = zone;
      continue;
    }
    const monthNumber = MONTHS.get(word);
    if (monthNumber !== undefined) {
      month = monthNumber;
      continue;
    }
    // Anything else (day names in any language, "de", "le") carries no date information.
  }
  for (const n of numbers) {
    if (n.length === 4 && year === undefined) year = Number(n);
    else if (n.length <= 2 && day === undefined) day = Number(n);
    else if (n.length <= 2 && year === undefined) year = twoDigitYear(Number(n));
    else return null;
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  const [h, minute, second] = time ?? [0, 0, 0];
  let hour = h;
  if (pm !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return build(year, month, day, hour, minute, second, 0, offset);
}

/** RFC 2822: 00–49 are 2000–2049, 50–99 are 1950–1999. */
function twoDigitYear(y: number): number {
  return y < 50 ? 2000 + y : 1900 + y;
}

function zoneOffset(token: string): number | null {
  const named = ZONES.get(token);
  if (named !== undefined) return named;
  const m = NUMERIC_ZONE.exec(token);
  if (m === null) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  // Reject roll-overs such as 31 February instead of silently moving to March.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return new Date(utc - offsetMinutes * 60_000);
}
