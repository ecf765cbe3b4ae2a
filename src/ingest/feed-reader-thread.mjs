// Worker threads start without the main thread's TypeScript loader: register it, then load the
// worker itself (feed-reader-thread.ts).
import { register } from "tsx/esm/api";

register();
await import("./feed-reader-thread.ts");
