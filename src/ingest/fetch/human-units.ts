/** Sizes and durations as people read them in a source's last error ("5 MB", "1.5 s"). */

const KIB = 1024;
const MIB = 1024 * KIB;

export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${round1(bytes / MIB)} MB`;
  if (bytes >= KIB) return `${round1(bytes / KIB)} KB`;
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  return `${round1(ms / 1000)} s`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
