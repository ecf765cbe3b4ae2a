// The loopback platform in a process of its own, so its clock and event loop are not the
// dispatcher's (a real platform's are not either): `node bin/run-ts.js <this file> '<options JSON>'`
// prints its URL on the first line and serves GET /stats; it exits when stdin closes.
import { startLoopbackPlatform, type LoopbackOptions } from "./server.js";

const platform = await startLoopbackPlatform(JSON.parse(process.argv[2] ?? "{}") as LoopbackOptions);
process.stdout.write(platform.url + "\n");
process.stdin.resume();
process.stdin.on("end", () => void platform.close().then(() => process.exit(0)));
