/**
 * Word lists for comparing headlines. They are small and wire-copy oriented on purpose: outlets
 * reword the verb and the demonym far more often than the names and figures that identify an event.
 */

/** Function words, wire boilerplate and headline markers that say nothing about which event it is. */
export const STOP_WORDS: ReadonlySet<string> = new Set(`
a an the and or but nor of in on at to for from by with without into onto over under about above
below after before as than then that this these those there their they them it its he she his her
him we our you your i me my who whom whose which what when where why how is are was were be been
being am has have had having do does did will would shall should can could may might must not no
yes so if also just more most very up down out off again further once all any both each few some
such only own same too per via amid among against between through during while until since
because though although around near upon within across along behind beyond despite toward towards
whether still yet even ever here now s t
said says say saying told according reported reports reporting statement spokesperson spokesman
spokeswoman announced announces
breaking urgent flash update updated updates live exclusive watch video photos analysis
today yesterday tonight late early
company companies firm firms group inc ltd plc corp co
nearly roughly approximately almost least percent pct
`.split(/\s+/).filter(Boolean));

/** Words English capitalises by convention, so a capital says nothing about which event it is. */
export const CONVENTIONAL_CAPITALS: ReadonlySet<string> = new Set(`
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december president minister prime secretary chancellor king
queen governor mayor senator general chief
`.split(/\s+/).filter(Boolean));

/** Inflected and synonymous forms folded onto one word before stemming. */
const SYNONYM_GROUPS: Record<string, string> = {
  earthquake: "quake quakes earthquake earthquakes tremor tremors temblor",
  hit: "hit hits hitting strike strikes striking struck jolt jolts jolted shake shakes shook rattle rattles rattled rock rocks rocked slam slams slammed",
  dead: "kill kills killed killing dead death deaths die dies died fatalities fatality",
  injured: "injure injures injured injuring injury injuries hurt wounded wounding",
  fall: "fall falls fell falling drop drops dropped slide slides slid slump slumps slumped tumble tumbles tumbled plunge plunges plunged sink sinks sank decline declines declined",
  rise: "rise rises rose risen rising jump jumps jumped surge surges surged soar soars soared climb climbs climbed gain gains gained rally rallies rallied",
  win: "win wins won winning beat beats beaten defeat defeats defeated victory victories triumph clinch clinches clinched",
  lose: "lose loses lost losing loss",
  resign: "resign resigns resigned resignation quit quits quitting",
  arrest: "arrest arrests arrested detain detains detained detention custody",
  sack: "sack sacks sacked dismiss dismisses dismissed axe axes axed oust ousts ousted",
  evacuate: "evacuate evacuates evacuated evacuation evacuations flee flees fled",
  explosion: "blast blasts explosion explosions explode explodes exploded",
  flood: "flood floods flooded flooding",
  cut: "cut cuts cutting lower lowers lowered reduce reduces reduced slash slashes slashed trim trims trimmed",
  hold: "hold holds held keep keeps kept unchanged steady pause pauses paused",
  raise: "raise raises raised hike hikes hiked",
  ceasefire: "ceasefire ceasefires truce truces",
  buy: "buy buys bought buying acquire acquires acquired acquisition acquisitions purchase takeover takeovers",
  fine: "fine fines fined penalty penalties",
  ban: "ban bans banned suspend suspends suspended suspension",
  outage: "outage outages disruption disruptions offline",
  world: "world global worldwide",
  fire: "fire fires blaze blazes wildfire wildfires",
  break: "break breaks broke breach breaches breached cross crosses crossed surpass surpasses surpassed tops topped",
  website: "website websites site sites",
  lawmaker: "lawmaker lawmakers legislator legislators deputies mps parliamentarians",
  billion: "billion billions bn",
  million: "million millions mn mln",
  euro: "euro euros eur",
  dollar: "dollar dollars usd",
  usa: "usa america american americans",
  uk: "uk britain british",
};

/** Demonyms and adjectives mapped to the place, so "Japanese" and "Japan's" meet. */
const PLACE_FORMS: Record<string, string> = {
  japan: "japanese", china: "chinese", netherlands: "dutch", peru: "peruvian", france: "french",
  germany: "german", greece: "greek", india: "indian", kenya: "kenyan", brazil: "brazilian",
  colombia: "colombian", mexico: "mexican", italy: "italian", spain: "spanish", serbia: "serbian serbians",
  indonesia: "indonesian", iceland: "icelandic", korea: "korean", belgium: "belgian", austria: "austrian",
  switzerland: "swiss", norway: "norwegian", ukraine: "ukrainian", russia: "russian", hungary: "hungarian",
  ecuador: "ecuadorean ecuadorian", nigeria: "nigerian", ethiopia: "ethiopian", portugal: "portuguese",
  philippines: "philippine filipino", chile: "chilean", europe: "european", georgia: "georgian",
  australia: "australian", canada: "canadian", turkey: "turkish", israel: "israeli", iran: "iranian",
  egypt: "egyptian", pakistan: "pakistani", taiwan: "taiwanese", thailand: "thai", vietnam: "vietnamese",
  poland: "polish", sweden: "swedish", denmark: "danish", finland: "finnish", argentina: "argentine argentinian",
};

const NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(" ");

function buildCanonicalForms(): ReadonlyMap<string, string> {
  const forms = new Map<string, string>();
  for (const [canonical, variants] of Object.entries({ ...SYNONYM_GROUPS, ...PLACE_FORMS })) {
    for (const variant of variants.split(" ")) forms.set(variant, canonical);
  }
  NUMBER_WORDS.forEach((word, value) => forms.set(word, String(value)));
  return forms;
}

/** Folded lowercase word → the form both outlets' wording should meet on. */
export const CANONICAL_FORMS: ReadonlyMap<string, string> = buildCanonicalForms();

/** Multi-word phrases rewritten before tokenising (case-insensitive). */
export const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bunited states\b/gi, "US"],
  [/\bu\.s\.(?=\W|$)/gi, "US"],
  [/\bu\.k\.(?=\W|$)/gi, "UK"],
  [/\bper cent\b/gi, "percent"],
  [/\beuro[ -]?(?:zone|area)\b/gi, "eurozone"],
  [/\bstep(?:s|ped|ping)? down\b/gi, "resigns"],
  [/\bdeath toll\b/gi, "dead toll"],
];
