export const NO_CHECKS = new Int32Array(0);

/**
 * A query's key checks (key-checks.ts) as key numbers in one flat Int32Array:
 * [count, ...required, count, ...excluded, then for each any-of list: count, ...keys].
 * Flat, so testing them reads consecutive memory instead of chasing objects.
 * No checks at all is the empty array.
 */
export function packChecks(required: readonly number[], excluded: readonly number[], anyOf: ReadonlyArray<readonly number[]>): Int32Array {
  if (required.length === 0 && excluded.length === 0 && anyOf.length === 0) return NO_CHECKS;
  return Int32Array.from([required.length, ...required, excluded.length, ...excluded, ...anyOf.flatMap((keys) => [keys.length, ...keys])]);
}

/**
 * Whether the packed checks in `codes[start, end)` hold for the story whose keys are marked:
 * `marks[key] === current` when the story has that key.
 */
export function passesPackedChecks(codes: Int32Array, start: number, end: number, marks: Int32Array, current: number): boolean {
  if (start === end) return true;
  let at = start;
  for (let stop = at + 1 + (codes[at] as number), i = at + 1; i < stop; i += 1) if (marks[codes[i] as number] !== current) return false;
  at += 1 + (codes[at] as number);
  for (let stop = at + 1 + (codes[at] as number), i = at + 1; i < stop; i += 1) if (marks[codes[i] as number] === current) return false;
  at += 1 + (codes[at] as number);
  while (at < end) {
    const stop = at + 1 + (codes[at] as number);
    let found = false;
    for (let i = at + 1; i < stop && !found; i += 1) found = marks[codes[i] as number] === current;
    if (!found) return false;
    at = stop;
  }
  return true;
}
