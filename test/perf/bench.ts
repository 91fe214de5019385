/**
 * `npm run bench`: how fast and how big the search is, as Markdown on stdout and in
 * `docs/benchmarks.md`. A benchmark, not a test: it never fails on a number; it says
 * whether each target of DESIGN.md / the issue is met and exits 0.
 *
 * Measures, in Node and in Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH):
 * - lexical query latency over a query mix, on the real corpus and on synthetic
 *   corpora of 150 and 5,000 entries;
 * - artifact load (`JSON.parse` + `createEngine`, which builds the index);
 * - artifact sizes (raw, gzip -9; entries, lexical and embeddings records);
 * - the embedding section of `test/perf/embedding.ts`, when that file exists.
 *
 * BENCH_QUICK=1: fewer iterations (a smoke run, not numbers to quote).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileCorpus, corpusHash } from '../../build/corpus/compile.js';
import { createEngine } from '../../src/search/core/engine.js';
import { createArtifact, stringifyArtifact } from '../../src/search/core/serialise.js';
import type { CorpusArtifact } from '../../src/search/core/types.js';
import {
  QUERIES,
  bundleEngine,
  evaluatedShares,
  matchedShares,
  median,
  quantile,
  runInNode,
  samplesByKind,
  startChromium,
  summarise,
  type BenchQuery,
  type ChromiumBench,
  type QueryKind,
  type RunOptions,
  type RunResult,
} from './lexical.js';
import { prng } from '../../build/prng.js';
import { syntheticCorpus, syntheticQueries } from './synthetic.js';

const QUICK = process.env.BENCH_QUICK === '1';
const ARTIFACT_PATH = 'dist/corpus.json';
const OUTPUT_PATH = 'docs/benchmarks.md';
const KB = 1024;

type Plan = Omit<RunOptions, 'queries'>;

/**
 * Iterations per corpus. Small corpora are cheap: many passes, up to a time budget. At
 * 5,000 entries a query takes a large fraction of a second, so a time budget decides how
 * many queries are timed, over the mix in a seeded shuffled order (any prefix is a fair
 * sample); the whole run stays around 3 minutes. Warm-up counts queries.
 */
const PLAN: { real: Plan; small: Plan; large: Plan } = QUICK
  ? {
      real: { loadRuns: 5, warmup: 64, rounds: 5, budgetMs: 2_000, minSamples: 64 },
      small: { loadRuns: 3, warmup: 64, rounds: 3, budgetMs: 2_000, minSamples: 64 },
      large: { loadRuns: 1, warmup: 4, rounds: 1, budgetMs: 5_000, minSamples: 16 },
    }
  : {
      real: { loadRuns: 20, warmup: 320, rounds: 30, budgetMs: 10_000, minSamples: 64 },
      small: { loadRuns: 10, warmup: 192, rounds: 20, budgetMs: 10_000, minSamples: 64 },
      large: { loadRuns: 2, warmup: 8, rounds: 1, budgetMs: 30_000, minSamples: 24 },
    };

const TARGETS = {
  /** Lexical p95 at ~150 entries (ms). */
  p95Small: 5,
  /** Lexical p95 at 5,000 entries (ms). */
  p95Large: 20,
  /** Artifact without embeddings, gzip -9 (bytes). */
  artifactGzip: 150 * KB,
};

const SYNTHETIC_SIZES = [150, 5000] as const;
const KIND_ORDER: readonly QueryKind[] = ['accented', 'unaccented', 'typo', 'abbreviation', 'english', 'off-domain', 'long', 'synthetic'];
const SYNTHETIC_QUERY_COUNT = 32;

interface Measured {
  label: string;
  entries: number;
  /** The artifact as JSON text. */
  text: string;
  plan: RunOptions;
  node: RunResult;
  chromium: RunResult | null;
  /** Why there is no Chromium result, if there is none. */
  chromiumError?: string;
}

const started = performance.now();
const log = (line: string): void => console.error(`bench: ${line}`);
const loadAverage = os.loadavg();

// ---------------------------------------------------------------------------------------
// The real corpus
// ---------------------------------------------------------------------------------------

// The browser bundle first, so that it and the artifacts below come from the same sources.
log('bundling the engine for Chromium…');
const engineJs = await bundleEngine().catch((error: unknown) => error as Error);
const real = await loadRealArtifact();
log(`real corpus: ${real.source}, ${real.artifact.entries.length} entries ${real.note}`);

// ---------------------------------------------------------------------------------------
// Synthetic corpora
// ---------------------------------------------------------------------------------------

interface Synthetic {
  size: number;
  json: string;
  queries: BenchQuery[];
  vi: number;
  en: number;
  phrasings: number;
  gzip: number;
  generateMs: number;
  buildMs: number;
  /** Share of entries sharing a term with the query, p25 / median / p75 (small corpora only). */
  reach: string;
  /** Share of entries the pruned search evaluates exactly, p25 / median / p75. */
  evaluated: string;
}
const synthetic: Synthetic[] = [];
for (const size of SYNTHETIC_SIZES) {
  log(`synthetic corpus of ${size} entries: generating and building…`);
  const { artifact, json, generateMs, buildMs } = syntheticCorpus(real.artifact.entries, { count: size });
  const queries = [...QUERIES, ...syntheticQueries(artifact.entries, SYNTHETIC_QUERY_COUNT)];
  const vi = artifact.entries.filter((entry) => entry.lang === 'vi').length;
  synthetic.push({
    size,
    json,
    queries: size <= 1000 ? queries : shuffle(queries, 11),
    vi,
    en: artifact.entries.length - vi,
    phrasings: artifact.entries.reduce((total, entry) => total + 1 + entry.questions.length, 0),
    gzip: gzip(json),
    generateMs,
    buildMs,
    reach: size <= 1000 ? reach(artifact) : '',
    evaluated: evaluated(artifact),
  });
  // Only the JSON text is kept: the parsed entries would only add to Node's heap (and GC) while timing.
}

// ---------------------------------------------------------------------------------------
// Node
// ---------------------------------------------------------------------------------------

const measured: Measured[] = [];
for (const item of [
  { label: `real (${real.artifact.entries.length} entries)`, entries: real.artifact.entries.length, text: real.text, plan: { queries: QUERIES, ...PLAN.real } },
  ...synthetic.map(({ size, json, queries }) => ({
    label: `synthetic ${size.toLocaleString('en-US')}`,
    entries: size,
    text: json,
    plan: { queries, ...(size <= 1000 ? PLAN.small : PLAN.large) },
  })),
]) {
  log(`Node: ${item.label}…`);
  measured.push({ ...item, node: runInNode(item.text, item.plan), chromium: null });
}

// ---------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------

let browser: ChromiumBench | null = null;
let chromiumError = '';
const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
try {
  log('Chromium: launching…');
  if (engineJs instanceof Error) throw engineJs;
  browser = await startChromium(engineJs);
} catch (error) {
  chromiumError = firstLine(error);
  log(`Chromium failed: ${chromiumError}`);
}
for (const item of browser ? measured : []) {
  log(`Chromium: ${item.label}…`);
  try {
    item.chromium = await browser!.run(`${item.entries}.json`, item.text, item.plan);
  } catch (error) {
    item.chromiumError = firstLine(error);
    log(`Chromium failed on ${item.label}: ${item.chromiumError}`);
  }
}
const chromiumVersion = browser?.version ?? 'not available';
const chromiumIsolated = browser?.isolated ?? false;
const engineBytes = browser?.engineBytes ?? null;
await browser?.close().catch(() => undefined);

// ---------------------------------------------------------------------------------------
// Embeddings (another engineer's module, when present), then the Markdown
// ---------------------------------------------------------------------------------------

const seconds = (performance.now() - started) / 1000;
const sizes = artifactSizes(real.artifact, real.text);
const realReach = reach(real.artifact);
const realEvaluated = evaluated(real.artifact);
// Written once before the embedding module runs, so that the lexical numbers survive it
// whatever it does (it may exit the process).
await writeFile(OUTPUT_PATH, render('embedding benchmark did not finish (the process ended inside `test/perf/embedding.ts`).'));
const embeddingStarted = performance.now();
const embedding = await embeddingSection();
const embeddingSeconds = (performance.now() - embeddingStarted) / 1000;
const markdown = render(embedding, embeddingSeconds);
console.log(markdown);
await writeFile(OUTPUT_PATH, markdown);
log(`wrote ${OUTPUT_PATH}: ${seconds.toFixed(0)} s lexical, ${embeddingSeconds.toFixed(0)} s embeddings`);

function render(embedding: string, embeddingSeconds?: number): string {
  const out: string[] = [];
  const line = (text = ''): void => {
    out.push(text);
  };
  const entries = real.artifact.entries;
  const vi = entries.filter((entry) => entry.lang === 'vi');
  const en = entries.filter((entry) => entry.lang === 'en');
  const questions = entries.reduce((total, entry) => total + entry.questions.length, 0);
  const cpus = os.cpus();
  const realRow = measured[0]!;
  const small = measured.find((item) => item !== realRow && item.entries === 150);
  const large = measured.find((item) => item !== realRow && item.entries === 5000);

  line('# Benchmarks');
  line();
  line(
    `Written by \`npm run bench\` (\`test/perf/bench.ts\`; see \`test/perf/README.md\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC` +
      `${QUICK ? ', **quick mode (BENCH_QUICK=1): few iterations, do not quote these numbers**' : ''}. The run took ${seconds.toFixed(0)} s` +
      `${embeddingSeconds === undefined ? '' : `, plus ${embeddingSeconds.toFixed(0)} s for the embedding section`}.`,
  );
  line();
  line(
    `> These numbers come from a **shared ${cpus.length}-core machine** that other jobs were using at the same time ` +
      `(load average ${loadAverage.map((value) => value.toFixed(2)).join(' / ')} at the start). Treat them as orders of ` +
      'magnitude and compare runs made on the same machine; tails (p99, max) in particular move with the neighbours.',
  );
  line();
  line('| machine | |');
  line('|---|---|');
  line(`| CPU | ${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length} |`);
  line(`| memory | ${(os.totalmem() / KB ** 3).toFixed(1)} GiB |`);
  line(`| OS | ${os.type()} ${os.release()} (${os.arch()}) |`);
  line(`| Node | ${process.version} |`);
  line(`| Chromium | ${chromiumVersion}${browser ? ' (Playwright, `--disable-gpu --disable-quic`, headless)' : ` — ${chromiumError}`} |`);
  line();
  line(
    `Corpus: ${real.source}, ` +
      `**${entries.length} entries** (${vi.length} vi, ${en.length} en), **${questions} questions** ` +
      `(${questions + entries.length} phrasings with the titles), corpus hash \`${real.artifact.corpusHash}\`, ` +
      `embeddings: ${real.artifact.embeddings === undefined ? 'none' : `yes (${real.artifact.modelId ?? 'model unknown'})`}.` +
      (real.note ? ` ${real.note}` : ''),
  );
  line();

  line('## Targets');
  line();
  line('Informational: the benchmark never fails on a number.');
  line();
  line('| target | measured | |');
  line('|---|---|---|');
  const p95 = (item: Measured | undefined, runtime: 'node' | 'chromium'): number | null => {
    const run = item?.[runtime];
    return run ? summarise(run.samples).p95 : null;
  };
  const worst = (...values: (number | null)[]): number => Math.max(...values.filter((value): value is number => value !== null));
  const cpu95 = (item: Measured | undefined): string => {
    const samples = item?.node.cpuSamples;
    return samples ? ms(summarise(samples).p95) : '—';
  };
  const smallWorst = worst(p95(realRow, 'node'), p95(realRow, 'chromium'), p95(small, 'node'), p95(small, 'chromium'));
  line(
    `| lexical p95 ≤ ${TARGETS.p95Small} ms at ~150 entries | real corpus (${entries.length}): Node ${ms(p95(realRow, 'node'))} (CPU time ${cpu95(realRow)}), Chromium ${ms(p95(realRow, 'chromium'))}; ` +
      `synthetic 150: Node ${ms(p95(small, 'node'))} (CPU time ${cpu95(small)}), Chromium ${ms(p95(small, 'chromium'))} | ${met(smallWorst <= TARGETS.p95Small)} |`,
  );
  const largeWorst = worst(p95(large, 'node'), p95(large, 'chromium'));
  line(
    `| lexical p95 ≤ ${TARGETS.p95Large} ms at 5,000 entries | synthetic 5,000: Node ${ms(p95(large, 'node'))} (CPU time ${cpu95(large)}), Chromium ${ms(p95(large, 'chromium'))} | ${met(largeWorst <= TARGETS.p95Large)} |`,
  );
  line(
    `| artifact without embeddings ≤ ${TARGETS.artifactGzip / KB} KB gzip | ${kb(sizes.withoutEmbeddings.gzip)} KB gzip (${kb(sizes.withoutEmbeddings.raw)} KB raw) | ${met(sizes.withoutEmbeddings.gzip <= TARGETS.artifactGzip)} |`,
  );
  line();

  line('## 1. Lexical query latency');
  line();
  line(
    `Milliseconds per \`engine.searchLexical(text, { lang })\` (the lexical path, synchronous), one \`performance.now()\` pair per query, after a warm-up. ` +
      `Query mix: ${QUERIES.length} queries written for the benchmark (${kindCounts(QUERIES)}); ` +
      `on the synthetic corpora, plus ${SYNTHETIC_QUERY_COUNT} of their own questions (half without accents, a word dropped).`,
  );
  line();
  line('| corpus | runtime | timed queries | p50 | p95 | p99 | max | CPU share | CPU ms p50 / p95 |');
  line('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const item of measured) {
    for (const runtime of ['node', 'chromium'] as const) {
      const run = item[runtime];
      if (!run) {
        line(`| ${item.label} | ${runtime === 'node' ? 'Node' : 'Chromium'} | failed: ${(item.chromiumError ?? chromiumError).replaceAll('|', '\\|')} | | | | | | |`);
        continue;
      }
      const s = summarise(run.samples);
      const share = run.cpuShare === undefined ? '—' : `${Math.round(100 * run.cpuShare)}%`;
      const cpu = run.cpuSamples ? summarise(run.cpuSamples) : null;
      line(
        `| ${item.label} | ${runtime === 'node' ? 'Node' : 'Chromium'} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${share} | ` +
          `${cpu ? `${ms(cpu.p50)} / ${ms(cpu.p95)}` : '—'} |`,
      );
    }
  }
  line();
  line(
    'CPU share: CPU time of the Node process over wall time while timing (not measured in Chromium). Well under 100% means ' +
      'other jobs had the CPU and the latencies above are inflated by about its inverse. CPU ms: CPU time of the Node process ' +
      'per query (user + system, `process.cpuUsage`), which neighbours inflate much less than wall time.',
  );
  line();
  for (const item of [realRow, large]) {
    if (!item) continue;
    line(`By kind of query, ${item.label}:`);
    line();
    line('| kind | queries in the mix | timed (Node / Chromium) | Node p50 | Node p95 | Chromium p50 | Chromium p95 |');
    line('|---|---:|---:|---:|---:|---:|---:|');
    const nodeKinds = new Map([...samplesByKind(item.node, item.plan.queries)].sort(([a], [b]) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b)));
    const chromiumKinds = item.chromium ? samplesByKind(item.chromium, item.plan.queries) : new Map<QueryKind, number[]>();
    for (const [kind, samples] of nodeKinds) {
      const node = summarise(samples);
      const chromiumSamples = chromiumKinds.get(kind);
      const chromium = chromiumSamples ? summarise(chromiumSamples) : null;
      const count = item.plan.queries.filter((query) => query.kind === kind).length;
      line(
        `| ${kind} | ${count} | ${node.n} / ${chromium?.n ?? '—'} | ${ms(node.p50)} | ${ms(node.p95)} | ${ms(chromium?.p50 ?? null)} | ${ms(chromium?.p95 ?? null)} |`,
      );
    }
    line();
  }
  line(
    `Reach: candidates are the entries that share a term with the query in a title, question or tag; share of entries per query, ` +
      `p25 / median / p75: real corpus ${realReach}; ${synthetic
        .filter((item) => item.reach)
        .map((item) => `synthetic ${item.size} ${item.reach}`)
        .join('; ')}. The pruned search (ADR 0002) scores them all but computes exact evidence only for those whose confidence ` +
      `bound can reach the 5 hits shown, the rival topic or a language's best; share of entries evaluated exactly: real corpus ${realEvaluated}; ` +
      `${synthetic.map((item) => `synthetic ${item.size.toLocaleString('en-US')} ${item.evaluated}`).join('; ')}.`,
  );
  line();

  line('## 2. Synthetic corpora');
  line();
  line(
    'Deterministic (seeded) entries recombined from the real corpus (`test/perf/synthetic.ts`): phrasings from a Markov chain ' +
      'over the real titles and questions, a subject of real syllables per entry, answers from real answer lines, ' +
      'English entries for the real share of ids. Built with the compiler\'s core (`createArtifact`, `corpusHash`, `stringifyArtifact`).',
  );
  line();
  line('| entries | vi + en | phrasings | raw | gzip -9 | generate | build (artifact + JSON) |');
  line('|---:|---|---:|---:|---:|---:|---:|');
  for (const item of synthetic) {
    line(
      `| ${item.size.toLocaleString('en-US')} | ${item.vi} + ${item.en} | ${item.phrasings.toLocaleString('en-US')} | ` +
        `${kb(Buffer.byteLength(item.json))} KB | ${kb(item.gzip)} KB | ${(item.generateMs / 1000).toFixed(1)} s | ${(item.buildMs / 1000).toFixed(1)} s |`,
    );
  }
  line();

  line('## 3. Artifact load');
  line();
  line(
    'Medians in milliseconds over repeated loads of the same text: `JSON.parse`, then `createEngine` on the parsed object, ' +
      'which analyses every entry and builds the inverted index (the artifact ships no index since format 3).',
  );
  line();
  line('| artifact | runtime | loads | JSON.parse | createEngine | total |');
  line('|---|---|---:|---:|---:|---:|');
  for (const item of measured) {
    for (const runtime of ['node', 'chromium'] as const) {
      const run = item[runtime];
      if (!run) continue;
      const totals = run.parse.map((value, i) => value + run.create[i]!);
      line(
        `| ${item.label} | ${runtime === 'node' ? 'Node' : 'Chromium'} | ${run.parse.length} | ${ms(median(run.parse), 1)} | ${ms(median(run.create), 1)} | ${ms(median(totals), 1)} |`,
      );
    }
  }
  line();

  line('## 4. Artifact size');
  line();
  line(
    `The real artifact (${real.source}) as JSON; each part stringified and gzipped (-9) on its own, so parts do not add up to the whole exactly. ` +
      'Since format 3 the artifact holds no index (the engine builds it at load) and no vectors (a sidecar file fetched with the model, §5). KB = 1,024 bytes.',
  );
  line();
  line('| part | raw bytes | raw KB | gzip -9 bytes | gzip KB |');
  line('|---|---:|---:|---:|---:|');
  for (const [label, size] of [
    ['entries (text, links, metadata)', sizes.entries],
    ['lexical record (analyser id)', sizes.lexical],
    ['embeddings record (names the sidecar)', sizes.embeddings],
    ['**whole artifact**', sizes.whole],
    ['whole without embeddings', sizes.withoutEmbeddings],
  ] as const) {
    if (!size) {
      line(`| ${label} | — | — | — | — |`);
      continue;
    }
    line(`| ${label} | ${size.raw.toLocaleString('en-US')} | ${kb(size.raw)} | ${size.gzip.toLocaleString('en-US')} | ${kb(size.gzip)} |`);
  }
  line();
  if (engineBytes) {
    line(
      `For scale: the lexical engine bundled for the Chromium runs (\`src/search/core/engine.ts\`, minified IIFE; MiniSearch is no longer part of it) is ` +
        `${kb(engineBytes.raw)} KB raw, ${kb(engineBytes.gzip)} KB gzip.`,
    );
    line();
  }

  line('## 5. Embeddings');
  line();
  line(embedding.trim());
  line();

  line('## Method');
  line();
  line(
    `- Iterations${QUICK ? ' (quick mode)' : ''}: real corpus ${describe(PLAN.real)}; synthetic 150 ${describe(PLAN.small)}; ` +
      `synthetic 5,000 ${describe(PLAN.large)}, over the mix shuffled (seeded). ` +
      'Queries actually timed are in the "timed queries" column.',
  );
  line('- Percentiles are nearest-rank over all timed queries of a corpus and runtime.');
  line(
    '- Node: in the `tsx` process, on the TypeScript sources. Chromium: `src/search/core/engine.ts` bundled by Vite (library mode, IIFE, minified), ' +
      'served from a loopback server with the artifact' +
      (browser
        ? `; the page is ${chromiumIsolated ? '' : '**not** '}cross-origin isolated, so \`performance.now()\` resolution is ${chromiumIsolated ? 'about 5 µs' : '100 µs'}.`
        : ' (not run this time).'),
  );
  line('- Load: the artifact text is in memory (no disk or network time); each load parses it again and builds a new engine.');
  line('- Nothing runs concurrently inside the benchmark; other processes on the machine do.');
  line();
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/**
 * The real corpus to measure: `dist/corpus.json` when this engine loads it and it holds
 * the entries `corpus/` compiles to now; otherwise `corpus/` compiled in memory; when
 * `corpus/` does not compile either (an edit in progress), the entries of
 * `dist/corpus.json` indexed again with the current core. The note says which and why.
 */
async function loadRealArtifact(): Promise<{ artifact: CorpusArtifact; text: string; source: string; note: string }> {
  let compiled: CorpusArtifact | undefined;
  let compileProblem = '';
  try {
    const result = await compileCorpus('corpus');
    compiled = result.artifact;
    if (!compiled) {
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      compileProblem = `\`corpus/\` does not compile (${errors.length} error${errors.length === 1 ? '' : 's'}, first: ${errors[0]?.file}:${errors[0]?.line} ${errors[0]?.message})`;
    }
  } catch (error) {
    compileProblem = `\`corpus/\` does not compile (${error instanceof Error ? error.message : String(error)})`;
  }

  let fileProblem = `\`${ARTIFACT_PATH}\` is missing`;
  let fileArtifact: CorpusArtifact | undefined;
  if (existsSync(ARTIFACT_PATH)) {
    const text = await readFile(ARTIFACT_PATH, 'utf8');
    try {
      fileArtifact = JSON.parse(text) as CorpusArtifact;
      createEngine(JSON.parse(text) as CorpusArtifact);
      if (!compiled || JSON.stringify(compiled.entries) === JSON.stringify(fileArtifact.entries)) {
        return { artifact: fileArtifact, text, source: `\`${ARTIFACT_PATH}\``, note: compileProblem ? `(${compileProblem}; measured the built file.)` : '' };
      }
      fileProblem = `\`${ARTIFACT_PATH}\` is older than \`corpus/\``;
    } catch (error) {
      fileProblem = `this engine cannot load \`${ARTIFACT_PATH}\` (${error instanceof Error ? error.message.split(';')[0] : String(error)})`;
    }
  }
  if (compiled) {
    return {
      artifact: compiled,
      text: stringifyArtifact(compiled),
      source: '`corpus/` compiled in memory (`compileCorpus`)',
      note: `(${fileProblem}; run \`npm run build\` to refresh it.)`,
    };
  }
  if (fileArtifact && Array.isArray(fileArtifact.entries)) {
    const rebuilt = createArtifact(fileArtifact.entries, { corpusHash: '', modelId: null });
    rebuilt.corpusHash = corpusHash(rebuilt);
    return {
      artifact: rebuilt,
      text: stringifyArtifact(rebuilt),
      source: `the entries of \`${ARTIFACT_PATH}\` indexed again with the current core`,
      note: `(${fileProblem}, and ${compileProblem}.)`,
    };
  }
  throw new Error(`bench: no corpus to measure: ${fileProblem}, and ${compileProblem}`);
}

interface Size {
  raw: number;
  gzip: number;
}

function artifactSizes(artifact: CorpusArtifact, text: string): {
  entries: Size;
  lexical: Size;
  embeddings: Size | null;
  whole: Size;
  withoutEmbeddings: Size;
} {
  const size = (json: string): Size => ({ raw: Buffer.byteLength(json), gzip: gzip(json) });
  const { embeddings, ...rest } = artifact;
  return {
    entries: size(JSON.stringify(artifact.entries)),
    lexical: size(JSON.stringify(artifact.lexical)),
    embeddings: embeddings === undefined ? null : size(JSON.stringify(embeddings)),
    whole: size(text),
    withoutEmbeddings: embeddings === undefined ? size(text) : size(JSON.stringify(rest)),
  };
}

function gzip(text: string): number {
  return gzipSync(text, { level: 9 }).length;
}

/**
 * The Markdown section of `test/perf/embedding.ts` (`benchEmbedding()`), when that file
 * exists and exports it. A file that does not mention `benchEmbedding` is not imported at
 * all (it may be a script that runs on import). While it runs, `console.log` goes to
 * stderr, so stdout stays this benchmark's Markdown.
 */
async function embeddingSection(): Promise<string> {
  const file = fileURLToPath(new URL('./embedding.ts', import.meta.url));
  const unavailable = (why: string): string => `embedding benchmark not available (${why}).`;
  if (!existsSync(file)) return unavailable('`test/perf/embedding.ts` does not exist yet');
  if (!/\bbenchEmbedding\b/.test(await readFile(file, 'utf8'))) {
    return unavailable('`test/perf/embedding.ts` does not export `benchEmbedding` yet');
  }
  const consoleLog = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    log('embeddings: running test/perf/embedding.ts…');
    const module = (await import(pathToFileURL(file).href)) as { benchEmbedding?: () => Promise<string> };
    if (typeof module.benchEmbedding !== 'function') return unavailable('`test/perf/embedding.ts` exports no `benchEmbedding` function');
    return await module.benchEmbedding();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`embeddings failed: ${message}`);
    return unavailable(`it failed: ${message}`);
  } finally {
    console.log = consoleLog;
  }
}

function ms(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

function kb(bytes: number): string {
  return (bytes / KB).toFixed(1);
}

function met(ok: boolean): string {
  return ok ? 'met' : '**not met**';
}

function kindCounts(queries: readonly BenchQuery[]): string {
  const counts = new Map<string, number>();
  for (const query of queries) counts.set(query.kind, (counts.get(query.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
}

function describe(plan: Plan): string {
  return (
    `${plan.loadRuns} load${plan.loadRuns === 1 ? '' : 's'}, ${plan.warmup} warm-up queries, ` +
    `up to ${plan.rounds} timed pass${plan.rounds === 1 ? '' : 'es'} with no new query after ${plan.budgetMs / 1000} s ` +
    `(at least ${plan.minSamples} queries)`
  );
}

/** Share of entries the pruned search evaluates exactly per query of the mix: p25 / median / p75. */
function evaluated(artifact: CorpusArtifact): string {
  const shares = evaluatedShares(artifact, QUERIES);
  return [0.25, 0.5, 0.75].map((p) => `${(100 * quantile(shares, p)).toFixed(1)}%`).join(' / ');
}

/** Share of entries the lexical index returns per query of the mix: p25 / median / p75. */
function reach(artifact: CorpusArtifact): string {
  const shares = matchedShares(artifact, QUERIES);
  return [0.25, 0.5, 0.75].map((p) => `${Math.round(100 * quantile(shares, p))}%`).join(' / ');
}

/** A copy in a seeded random order (Fisher–Yates). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
