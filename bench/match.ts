// Percolator against a naive loop: 100,000 standing queries, 10,000 generated news stories.
// `node bin/run-ts.js bench/match.ts [--json]`, or `run()` from the bench runner.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { MatchableStory } from "../src/stories/story.js";
import { keyFrequencyFromSample } from "../src/topics/key-frequency.js";
import { createPercolator, type PercolatorOptions } from "../src/topics/percolator.js";
import type { Query } from "../src/topics/query/ast.js";
import { indexStory } from "../src/topics/query/indexed-story.js";
import { matchesNode } from "../src/topics/query/matcher.js";
import { parseQuery } from "../src/topics/query/parser.js";
import { seededRandom } from "./lib/news-text.js";

const SUBSCRIPTIONS = 100_000;
const STORIES = 10_000;
/** Share of subscriptions that follow a catalog-like topic rather than an ad-hoc query. */
const CATALOG_SHARE = 0.4;
/** The naive loop costs ~100,000 checks per story: timing it on a sample keeps the run short. */
const NAIVE_SAMPLE = 200;

// ---- a small, deterministic world of news -------------------------------------------------


const words = (text: string): string[] => text.split(" ");

const PLACES = words(
  "Ukraine Kyiv Kharkiv Odesa Russia Moscow Gaza Israel Jerusalem Iran Tehran Syria Damascus Lebanon Beirut Yemen Iraq " +
    "Baghdad China Beijing Shanghai Taiwan Taipei Japan Tokyo Osaka Korea Seoul Pyongyang India Delhi Mumbai Pakistan " +
    "Bangladesh Afghanistan Brazil Mexico Canada Ottawa Argentina Chile Colombia Peru Venezuela Cuba Haiti Nigeria Lagos " +
    "Kenya Nairobi Ethiopia Sudan Khartoum Egypt Cairo Libya Tunisia Morocco Congo Somalia Turkey Ankara Istanbul Poland " +
    "Warsaw Germany Berlin Munich France Paris Marseille Britain London Manchester Scotland Ireland Dublin Spain Madrid " +
    "Barcelona Portugal Italy Rome Milan Greece Athens Sweden Norway Denmark Finland Netherlands Belgium Brussels Austria " +
    "Vienna Hungary Romania Serbia Georgia Armenia Australia Sydney Melbourne Zealand Indonesia Jakarta Philippines Manila " +
    "Vietnam Thailand Bangkok Myanmar Malaysia Singapore Washington California Texas Florida Zürich Québec Bogotá São-Paulo Kraków",
);
const PEOPLE = words(
  "Zelensky Putin Lavrov Biden Trump Harris Vance Blinken Rubio Macron Barnier Scholz Merz Starmer Sunak Reeves Meloni " +
    "Sánchez Erdoğan Netanyahu Gallant Khamenei Modi Xi Kishida Ishiba Yoon Lula Milei Sheinbaum Trudeau Albanese Ramaphosa " +
    "Guterres Lagarde Powell Yellen Georgieva Tedros Musk Altman Bezos Zuckerberg Nadella Cook Pichai Huang Dimon Buffett " +
    "Swift Beyoncé Messi Ronaldo Mbappé Haaland Djokovic Alcaraz Sinner Šefčovič Stoltenberg Rutte Orbán Tusk Duda",
);
const ORGANISATIONS = words(
  "NATO EU UN WHO IMF OPEC Fed ECB BoE Congress Senate Parliament Kremlin Pentagon Hamas Hezbollah Houthis Taliban Wagner " +
    "Apple Google Alphabet Microsoft Amazon Nvidia OpenAI Anthropic Meta Tesla SpaceX Boeing Airbus Toyota Volkswagen BMW " +
    "Shell BP Exxon Chevron Pfizer Moderna AstraZeneca Samsung TSMC Intel Huawei TikTok ByteDance Netflix Disney Spotify " +
    "FIFA UEFA IOC Olympics Interpol Europol Greenpeace Amnesty",
);
const DOMAINS: Readonly<Record<string, string[]>> = {
  conflict: words(
    "war attack attacks strike strikes airstrike missile missiles drone drones ceasefire troops army soldiers shelling " +
      "offensive frontline sanctions invasion hostages truce militants insurgents artillery bombing blockade occupation " +
      "negotiations peace talks weapons ammunition casualties refugees displaced humanitarian aid convoy",
  ),
  politics: words(
    "election elections vote voters voting ballot campaign candidate candidates minister president parliament coalition " +
      "opposition referendum law bill court ruling impeachment resignation cabinet reshuffle scandal corruption protest " +
      "protests lawmakers legislation constitution governor mayor primary debate polls",
  ),
  economy: words(
    "inflation rates markets stocks shares recession jobs unemployment tariffs trade growth bank banks budget debt " +
      "earnings profit revenue prices bonds yields currency dollar euro yen oil gas exports imports deficit housing " +
      "mortgage wages strike layoffs merger acquisition bankruptcy investors",
  ),
  technology: words(
    "AI chip chips data breach hack hackers leak leaked cyber software startup smartphone cloud semiconductor privacy " +
      "algorithm regulators antitrust ransomware outage encryption robot robotics quantum satellite launch rocket app " +
      "platform users moderation chatbot model models",
  ),
  climate: words(
    "climate emissions carbon warming wildfire wildfires flood floods drought heatwave renewable solar wind storms " +
      "hurricane typhoon cyclone glacier pollution biodiversity deforestation coal methane summit pledge targets " +
      "temperatures record rainfall monsoon",
  ),
  health: words(
    "vaccine vaccines outbreak virus hospital hospitals cancer doctors patients pandemic measles cholera drug drugs " +
      "trial treatment mpox dengue malaria obesity insulin nurses surgery diagnosis study researchers infection " +
      "infections mortality",
  ),
  sport: words(
    "football match final championship league goal goals coach players tournament cup season transfer victory defeat " +
      "record medal marathon tennis cricket rugby basketball baseball golf cycling boxing doping injury stadium fans",
  ),
  disaster: words(
    "earthquake tsunami landslide explosion fire crash collapse rescue evacuated casualties victims survivors magnitude " +
      "aftershock derailment shipwreck avalanche eruption volcano blaze missing injured emergency firefighters",
  ),
};
const VERBS = words(
  "says said warns warned announces announced launches launched rejects rejected approves approved kills killed votes voted " +
    "leaks leaked faces faced plans planned vows vowed urges urged calls called seeks sought denies denied signs signed " +
    "cuts raised raises hits hit wins won loses lost agrees agreed blocks blocked opens opened confirms confirmed " +
    "suspends suspended arrests arrested charges charged threatens threatened",
);
const FILLER = words(
  "the a of in to and for on after over with as new amid its their by from at is was has will more than two three first " +
    "last year week day officials government people country city state report",
);
const SOURCES = ["Reuters", "AP", "BBC News", "Al Jazeera", "The Guardian", "Le Monde", "NHK World", "Deutsche Welle", "Bloomberg", "CNN"];
const REGIONS = ["europe", "middle-east", "asia", "americas", "africa", "oceania"];
/** What people subscribe to: names and subject words, not verbs or filler. */
const QUERY_VOCABULARY = [...PLACES, ...PEOPLE, ...ORGANISATIONS, ...Object.values(DOMAINS).flat()];

/**
 * The long tail real news has and a fixed list lacks: towns, companies and people that make the
 * news now and then. Made-up names built from syllables, so nothing is downloaded.
 */
function longTailNames(random: () => number, count: number): string[] {
  const syllables = words("ka ro vel mi tan zor bel dra no sk lin ov ess ham ber gi lu ter mon dav ek stra pol ai um qua fen");
  const names = new Set<string>();
  while (names.size < count) {
    let name = "";
    const length = 2 + Math.floor(random() * 3);
    for (let i = 0; i < length; i += 1) name += pickAny(random, syllables);
    names.add(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return [...names];
}

/** Picks from a list with a Zipf-like skew: the first entries come up more often. */
function pickFrom<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(list.length * random() ** 1.5)] as T;
}

function pickAny<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(list.length * random())] as T;
}

function generateStory(random: () => number, now: number, longTail: readonly string[]): MatchableStory {
  const domains = Object.keys(DOMAINS);
  const domain = pickFrom(random, domains);
  const topical = DOMAINS[domain] ?? [];
  // A story is about a few entities: some famous, some from the long tail.
  const cast = Array.from({ length: 4 }, () =>
    random() < 0.35 ? pickAny(random, longTail) : pickFrom(random, random() < 0.5 ? PLACES : random() < 0.5 ? PEOPLE : ORGANISATIONS),
  );
  const entity = (): string => pickAny(random, cast);
  const sentence = (length: number): string => {
    const out: string[] = [];
    for (let i = 0; i < length; i += 1) {
      const roll = random();
      out.push(roll < 0.3 ? pickFrom(random, FILLER) : roll < 0.6 ? pickFrom(random, topical) : roll < 0.8 ? entity() : pickFrom(random, VERBS));
    }
    return out.join(" ");
  };
  return {
    title: sentence(6 + Math.floor(random() * 7)),
    summary: `${sentence(12 + Math.floor(random() * 12))}. ${sentence(10 + Math.floor(random() * 14))}.`,
    source: pickFrom(random, SOURCES),
    section: random() < 0.2 ? null : domain,
    topics: [domain, pickFrom(random, REGIONS), ...(random() < 0.3 ? ["world"] : [])],
    publishedAt: new Date(now - Math.floor(random() * 3_600_000)),
  };
}

// ---- standing queries ---------------------------------------------------------------------

const CATALOG_QUERIES = [
  "ukraine OR kyiv OR zelensky",
  "russia OR moscow OR kremlin OR putin",
  '"climate change" OR emissions OR warming OR carbon',
  "gaza OR israel OR hamas OR hezbollah OR lebanon",
  "inflation OR rates OR recession OR fed OR ecb",
  "ai OR openai OR nvidia OR chip* OR semiconductor",
  "election* OR vote OR voters OR ballot* OR campaign*",
  "earthquake OR tsunami OR landslide OR aftershock",
  "vaccine* OR outbreak OR pandemic OR measles OR cholera",
  "football OR uefa OR fifa OR championship -transfer",
  "title:(breach OR hack* OR leak*) cyber",
  "topic:climate (wildfire* OR flood* OR drought OR heatwave)",
  "source:reuters (sanctions OR tariffs)",
  "china OR beijing OR taiwan OR xi",
  "musk OR tesla OR spacex",
  "topic:middle-east -sport",
  "section:economy (stocks OR shares OR markets)",
  "trump OR biden OR harris OR congress OR senate",
  "nato OR pentagon OR troops OR missile*",
  "world OR international OR global OR summit OR diplomat* OR foreign OR embassy OR treaty OR refugee* OR nato OR europe OR russia OR ukraine OR china OR israel OR gaza OR iran OR india OR africa OR japan OR korea OR brazil OR mexico OR syria OR war OR ceasefire",
];

/** An ad-hoc query of one to four terms: words, phrases, prefixes, filters and exclusions. */
function generateAdHocQuery(random: () => number, longTail: readonly string[]): string {
  const word = (): string => (random() < 0.3 ? pickAny(random, longTail) : pickAny(random, QUERY_VOCABULARY));
  const terms: string[] = [];
  const roll = random();
  const count = roll < 0.2 ? 1 : roll < 0.6 ? 2 : roll < 0.85 ? 3 : 4;
  for (let i = 0; i < count; i += 1) {
    const roll = random();
    let term: string;
    if (roll < 0.6) term = word();
    else if (roll < 0.72) term = `"${word()} ${pickFrom(random, VERBS)}"`;
    else if (roll < 0.82) term = `${word().slice(0, 4 + Math.floor(random() * 3))}*`;
    else if (roll < 0.9) term = `${word()} OR ${word()}`;
    else if (roll < 0.95) term = `title:${word()}`;
    else term = random() < 0.5 ? `source:"${pickFrom(random, SOURCES)}"` : `topic:${pickFrom(random, REGIONS)}`;
    // Exclusions only after a wanted term, as users write them.
    terms.push(i > 0 && random() < 0.15 ? `-(${term})` : term);
  }
  return terms.join(" ");
}

function generateQueryTexts(random: () => number, longTail: readonly string[]): string[] {
  const texts: string[] = [];
  while (texts.length < SUBSCRIPTIONS) {
    texts.push(random() < CATALOG_SHARE ? pickFrom(random, CATALOG_QUERIES) : generateAdHocQuery(random, longTail));
  }
  return texts;
}

// ---- measuring ----------------------------------------------------------------------------

/** Wall-clock (performance.now) and CPU times of repeated steps, in milliseconds. */
interface Timings {
  wall: number[];
  cpu: number[];
}

/**
 * Times `step` by the wall clock, as asked, and by this process's CPU time: on a shared machine
 * the wall clock also counts time spent waiting for a core, CPU time does not.
 */
function timed<T>(timings: Timings, step: () => T): T {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const value = step();
  timings.wall.push(performance.now() - wallStart);
  const cpu = process.cpuUsage(cpuStart);
  timings.cpu.push((cpu.user + cpu.system) / 1000);
  return value;
}

const newTimings = (): Timings => ({ wall: [], cpu: [] });

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 10_000) / 10_000;

interface PercolatorFigures {
  build: Timings;
  perStory: Timings;
  matchesPerStory: number;
  /** Stories of the naive sample where the percolator's answer differed (must be 0). */
  mismatches: number;
}

function measurePercolator(
  queries: readonly Query[],
  stories: readonly MatchableStory[],
  naiveAnswers: ReadonlyArray<ReadonlySet<number>>,
  now: Date,
  options: PercolatorOptions,
): PercolatorFigures {
  const build = newTimings();
  const percolator = timed(build, () => {
    const built = createPercolator<number>(options);
    queries.forEach((query, id) => built.add(id, query));
    return built;
  });
  const perStory = newTimings();
  let total = 0;
  let mismatches = 0;
  stories.forEach((story, index) => {
    // matchGroups is what the watcher calls: every matching subscriber, in one list per query.
    const groups = timed(perStory, () => percolator.matchGroups(story, now));
    for (const ids of groups) total += ids.length;
    const expected = naiveAnswers[index];
    if (expected === undefined) return;
    const found = groups.flat();
    if (expected.size !== found.length || found.some((id) => !expected.has(id))) mismatches += 1;
  });
  return { build, perStory, matchesPerStory: total / stories.length, mismatches };
}

export async function run(opts: { json: boolean }): Promise<Record<string, number>> {
  const random = seededRandom(20251110);
  const nowMs = Date.parse("2025-11-10T12:00:00Z");
  const now = new Date(nowMs);
  const longTail = longTailNames(random, 20_000);
  const texts = generateQueryTexts(random, longTail);
  // "Earlier" stories only feed the key statistics; the measured stories come after them.
  const earlier = Array.from({ length: 1_000 }, () => generateStory(random, nowMs, longTail));
  const stories = Array.from({ length: STORIES }, () => generateStory(random, nowMs, longTail));

  const parse = newTimings();
  const queries = timed(parse, () => texts.map((text) => parseQuery(text)));

  // The naive loop tokenises each story once too, so only the query lookups differ. Without
  // since: in any query, matchesNode on the indexed story is exactly matches().
  const naive = newTimings();
  const naiveAnswers = stories.slice(0, NAIVE_SAMPLE).map((story) =>
    timed(naive, () => {
      const indexed = indexStory(story);
      const found = new Set<number>();
      queries.forEach((query, id) => {
        if (matchesNode(query.root, indexed)) found.add(id);
      });
      return found;
    }),
  );

  const guessed = measurePercolator(queries, stories, naiveAnswers, now, {});
  const statistics = newTimings();
  const keyCost = timed(statistics, () => keyFrequencyFromSample(earlier));
  const learned = measurePercolator(queries, stories, naiveAnswers, now, { keyCost });

  const first = (values: readonly number[]): number => values[0] ?? Number.NaN;
  const result = {
    subscriptions: SUBSCRIPTIONS,
    distinctQueries: new Set(texts).size,
    stories: STORIES,
    matchesPerStory: round(learned.matchesPerStory),
    parseMs: round(first(parse.wall)),
    parseCpuMs: round(first(parse.cpu)),
    percolatorBuildMs: round(first(learned.build.wall) + first(statistics.wall)),
    percolatorBuildCpuMs: round(first(learned.build.cpu) + first(statistics.cpu)),
    percolatorMedianMs: round(quantile(learned.perStory.wall, 0.5)),
    percolatorP99Ms: round(quantile(learned.perStory.wall, 0.99)),
    percolatorCpuMedianMs: round(quantile(learned.perStory.cpu, 0.5)),
    percolatorCpuP99Ms: round(quantile(learned.perStory.cpu, 0.99)),
    guessedCostBuildMs: round(first(guessed.build.wall)),
    guessedCostBuildCpuMs: round(first(guessed.build.cpu)),
    guessedCostMedianMs: round(quantile(guessed.perStory.wall, 0.5)),
    guessedCostP99Ms: round(quantile(guessed.perStory.wall, 0.99)),
    guessedCostCpuMedianMs: round(quantile(guessed.perStory.cpu, 0.5)),
    guessedCostCpuP99Ms: round(quantile(guessed.perStory.cpu, 0.99)),
    naiveSampleStories: NAIVE_SAMPLE,
    naiveMedianMs: round(quantile(naive.wall, 0.5)),
    naiveP99Ms: round(quantile(naive.wall, 0.99)),
    naiveCpuMedianMs: round(quantile(naive.cpu, 0.5)),
    naiveCpuP99Ms: round(quantile(naive.cpu, 0.99)),
    speedupMedian: round(quantile(naive.wall, 0.5) / quantile(learned.perStory.wall, 0.5)),
    mismatches: guessed.mismatches + learned.mismatches,
  };
  // With --json the caller prints the returned figures (bench/run.ts gathers every benchmark's).
  if (!opts.json) printTable(result);
  return result;
}

function printTable(result: Record<string, number>): void {
  const value = (key: string): number => result[key] ?? Number.NaN;
  const ms = (key: string, digits = 3): string => `${value(key).toFixed(digits)} ms`;
  const pair = (median: string, p99: string): string => `${ms(median)} / ${ms(p99)}`;
  const row = (label: string, wall = "", cpu = ""): void => console.log(`  ${label.padEnd(46)}${wall.padEnd(32)}${cpu}`);
  console.log(
    `match: ${value("subscriptions").toLocaleString("en")} subscriptions (${value("distinctQueries").toLocaleString("en")} distinct), ` +
      `${value("stories").toLocaleString("en")} stories, ${value("matchesPerStory").toFixed(0)} matching subscriptions per story`,
  );
  row("", "wall clock (performance.now)", "CPU time of this process");
  row("parse every query", ms("parseMs", 0), ms("parseCpuMs", 0));
  row("percolator, key costs from 1,000 earlier stories");
  row("  build (statistics included)", ms("percolatorBuildMs", 0), ms("percolatorBuildCpuMs", 0));
  row("  per story, median / p99", pair("percolatorMedianMs", "percolatorP99Ms"), pair("percolatorCpuMedianMs", "percolatorCpuP99Ms"));
  row("percolator, guessed key costs");
  row("  build", ms("guessedCostBuildMs", 0), ms("guessedCostBuildCpuMs", 0));
  row("  per story, median / p99", pair("guessedCostMedianMs", "guessedCostP99Ms"), pair("guessedCostCpuMedianMs", "guessedCostCpuP99Ms"));
  row(`naive loop over every query (first ${value("naiveSampleStories")} stories; nothing to build)`);
  row("  per story, median / p99", pair("naiveMedianMs", "naiveP99Ms"), pair("naiveCpuMedianMs", "naiveCpuP99Ms"));
  console.log(`  speed-up at the median: ${value("speedupMedian").toFixed(0)}×; answers differing from the naive loop: ${value("mismatches")}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv.includes("--json");
  const result = await run({ json });
  if (json) console.log(JSON.stringify(result));
}
