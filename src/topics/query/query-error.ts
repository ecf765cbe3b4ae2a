/**
 * A query the user has to fix. `message` is written for the user and names the character
 * (1-based, counted as the user sees characters) where the problem starts.
 */
export class QueryError extends Error {
  override readonly name = "QueryError";
  /** Offset into the query string (0-based, UTF-16), or null when the whole query is at fault. */
  readonly position: number | null;
  /** The problem without the position, e.g. "unclosed quote". */
  readonly reason: string;

  constructor(reason: string, position: number | null, query: string, hint?: string) {
    const where = position === null ? "" : ` at character ${characterNumber(query, position)}`;
    super(`${reason}${where}${hint === undefined ? "" : `; ${hint}`}`);
    this.position = position;
    this.reason = reason;
  }
}

function characterNumber(query: string, offset: number): number {
  return [...query.slice(0, offset)].length + 1;
}
