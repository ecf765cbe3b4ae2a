// A loopback chat platform and its AlertChannel, for delivery tests, the crash test and benches:
//
//   const platform = await startLoopbackPlatform({ limits: { perChat: { count: 1, perMs: 1000 } } });
//   const channel = createLoopbackChannel({ platform: "telegram", url: platform.url });
//   … createDispatcher({ channels: [channel], … }) …
//   expect(platform.duplicates()).toBe(0);
//   await platform.close();
export { createLoopbackChannel, type LoopbackChannelOptions } from "./channel.js";
export { startLoopbackPlatform, type Fault, type LoopbackOptions, type LoopbackPlatform, type ReceivedMessage } from "./server.js";
export type { WindowLimits, WindowRule } from "./windows.js";
