// Discord ids are snowflakes: milliseconds since the Discord epoch in the high bits, so ids sort
// by creation time like real ones (discord.js derives `createdTimestamp` from them).
const DISCORD_EPOCH = 1_420_070_400_000n;

export type NextId = () => string;

export function createSnowflakeSource(): NextId {
  let last = 0n;
  return () => {
    const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    // Several ids in one millisecond must still be unique and increasing.
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}
