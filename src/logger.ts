import { pino, type Logger } from "pino";

export type { Logger };

// Telegram puts the token in every request URL (/bot<token>/method) and errors echo those URLs.
const telegramTokenInUrl = /bot\d{3,}:[\w-]{20,}/g;

/** Removes bot tokens from any text bound for logs or users. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(telegramTokenInUrl, "bot<redacted>");
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join("<redacted>");
  }
  return out;
}

export interface LoggerOptions {
  level: string;
  secrets: readonly string[];
  /** Defaults to stderr: stdout is for replies and `--json` output only. */
  write?: (line: string) => void;
}

/** A pino logger whose every line passes through `scrubSecrets` before it is written. */
export function createLogger(opts: LoggerOptions): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const human = opts.write === undefined && process.stderr.isTTY === true;
  return pino(
    { level: opts.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    { write: (line: string) => write(scrubSecrets(human ? humanLine(line) : line, opts.secrets)) },
  );
}

const levelNames: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** One readable line for a person at a terminal; machines (pipes, files) get the JSON as is. */
function humanLine(json: string): string {
  try {
    const { level, time, msg, ...rest } = JSON.parse(json) as Record<string, unknown>;
    const extras = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    const clock = typeof time === "string" ? time.slice(11, 19) : "";
    return `${clock} ${levelNames[Number(level)] ?? level} ${String(msg ?? "")}${extras ? "  " + extras : ""}\n`;
  } catch {
    return json;
  }
}
