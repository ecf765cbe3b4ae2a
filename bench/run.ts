// `npm run bench [name…] [--json]`: runs every benchmark in bench/ (or the named ones) in turn.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

interface BenchModule {
  run(opts: { json: boolean }): Promise<Record<string, number>>;
}

const folder = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const json = args.includes("--json");
const wanted = args.filter((a) => !a.startsWith("--"));
const available = readdirSync(folder)
  .filter((f) => /^[a-z][\w-]*\.ts$/.test(f) && f !== "run.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}
const results: Record<string, Record<string, number>> = {};
for (const name of wanted.length > 0 ? wanted : available) {
  if (!json) console.log(`\n== ${name} ==`);
  const mod = (await import(pathToFileURL(join(folder, `${name}.ts`)).href)) as BenchModule;
  results[name] = await mod.run({ json });
}
if (json) process.stdout.write(JSON.stringify(results, null, 2) + "\n");
