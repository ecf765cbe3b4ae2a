// `npm run bench [name…] [--json]`: runs every benchmark in bench/ (or the named ones) in turn,
// each in a process of its own, so that one benchmark's heap never counts in the next one's
// memory figures (bench/search reports the RSS of a process serving searches).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface BenchModule {
  run(opts: { json: boolean }): Promise<Record<string, number>>;
}

const folder = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const json = args.includes("--json");

/** The child side: `run.ts --one <name> --out <file> [--json]` runs one benchmark and writes its figures. */
async function runOne(name: string, out: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(folder, `${name}.ts`)).href)) as BenchModule;
  writeFileSync(out, JSON.stringify(await mod.run({ json })));
}

function available(): string[] {
  return readdirSync(folder)
    .filter((f) => /^[a-z][\w-]*\.ts$/.test(f) && f !== "run.ts")
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();
}

async function runAll(): Promise<void> {
  const names = available();
  const wanted = args.filter((a) => !a.startsWith("--"));
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(", ")}; available: ${names.join(", ")}`);
    process.exit(2);
  }
  const scratch = mkdtempSync(join(tmpdir(), "newsflash-bench-run-"));
  const results: Record<string, Record<string, number>> = {};
  const failed: string[] = [];
  try {
    for (const name of wanted.length > 0 ? wanted : names) {
      if (!json) console.log(`\n== ${name} ==`);
      const out = join(scratch, `${name}.json`);
      const runTs = join(folder, "..", "bin", "run-ts.js");
      const child = spawnSync(process.execPath, [runTs, join(folder, "run.ts"), "--one", name, "--out", out, ...(json ? ["--json"] : [])], {
        stdio: ["ignore", json ? "ignore" : "inherit", "inherit"],
      });
      if (child.status !== 0) {
        failed.push(name);
        console.error(`${name}: failed (exit ${child.status ?? child.signal})`);
        continue;
      }
      results[name] = JSON.parse(readFileSync(out, "utf8")) as Record<string, number>;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (json) process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  if (failed.length > 0) process.exitCode = 1;
}

const one = args.indexOf("--one");
if (one !== -1) await runOne(args[one + 1] ?? "", args[args.indexOf("--out") + 1] ?? "");
else await runAll();
