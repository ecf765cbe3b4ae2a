#!/usr/bin/env node
// The installed entry point: runs the TypeScript sources through tsx so that `npm install`
// is the only step a fresh machine needs (no build output to keep in sync).
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
