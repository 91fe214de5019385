/**
 * `npx tsx test/perf/embedding.ts` (after `npm run build`; also a section of `npm run bench`): what the embedding half costs,
 * measured with the project's tiny TEST model (these numbers say nothing about a real
 * model's quality, and little about its speed: see the research notes' e5-small proxy).
 *
 * - Node: model load, one query embedding, hybrid vs lexical search on the fixture corpus.
 * - Artifact size of the real corpus with and without vectors (tiny: 64 dims; the size at
 *   e5-small's 384 dims is extrapolated from the vector count).
 * - The BUILT bundle in Chromium (`/usr/bin/chromium` or CHROMIUM_PATH), served from
 *   127.0.0.1 under `script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'` with the same
 *   CSP on the worker scripts: the real worker loads the tiny model from `dist/`-style
 *   files (Vite-emitted ORT wasm, no CDN), time to hybrid, query latency, and every URL
 *   requested (all must be on the test server).
 * - Query-embedding latency of an e5-small-SHAPED model (multilingual-e5-small's geometry,
 *   random weights, dynamic int8 like the q8 export; `build/model/make-e5-shaped-model.ts`,
 *   generated once into `test-results/bench-models/`) in Chromium, through the same worker
 *   and transformers.js path, for questions of exactly 16, 32 and 64 tokens. Cost, not quality.
 * - Chunk sizes of `dist/` (gzip -9).
 * A benchmark, not a test: it prints Markdown and fails only when the bundle cannot reach hybrid mode.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { compileCorpus } from '../../build/corpus/compile.js';
import { E5_SHAPED_MODEL_ID, E5_SMALL_SHAPE, makeE5ShapedModel, textOfTokens } from '../../build/model/make-e5-shaped-model.js';
import { TINY_MODEL_ID, makeTinyModel } from '../../build/model/make-tiny-model.js';
import { loadNodeEmbedder } from '../../build/model/node-embedder.js';
import { staticClosure, type ManifestChunk } from '../../build/manifest.js';
import { createEngine } from '../../src/search/core/engine.js';
import type { Embedder } from '../../src/search/core/types.js';
import { prng } from '../../build/prng.js';

const QUERIES = ['lam lai cccd o dau', 'đổi giấy phép lái xe', 'gia han the bao hiem y te', 'tra cuu ho so', 'khai sinh cho con', 'thời tiết hôm nay'];
const ROUNDS = 20;
/** Question lengths (tokens, with the "query: " prefix and the special tokens) and timed rounds per length. */
const TOKEN_LENGTHS = [16, 32, 64] as const;
const E5_ROUNDS = process.env['BENCH_QUICK'] === '1' ? 10 : 40;
const E5_WARMUP = 3;
/** Where the e5-shaped model is generated once (never committed: `test-results/` is ignored). */
const E5_MODELS = path.join('test-results', 'bench-models');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'";

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
/** Runs every measurement and returns the Markdown section (also what `npm run bench` includes). */
export async function benchEmbedding(): Promise<string> {
  const out: string[] = [];
  const line = (text = ''): void => void out.push(text);
  const base = await mkdtemp(path.join(tmpdir(), 'dvc-perf-'));
  try {
    await makeTinyModel({ out: base });

    // --- Node -------------------------------------------------------------------------
    const t0 = performance.now();
    const embedder = (await loadNodeEmbedder({ model: TINY_MODEL_ID, modelBase: base }))!;
    const nodeLoad = performance.now() - t0;
    const embedTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of QUERIES) {
        const start = performance.now();
        await embedder.embed([query]);
        embedTimes.push(performance.now() - start);
      }
    }
    const compiledFixture = await compileCorpus('test/fixtures/corpus', { embedder, artifactName: 'corpus-tiny.json' });
    const fixture = compiledFixture.artifact!;
    const fixtureVectors = compiledFixture.vectors!;
    const engine = createEngine(fixture, { embedder, vectors: fixtureVectors.bytes });
    const hybridTimes: number[] = [];
    const lexicalTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of QUERIES) {
        let start = performance.now();
        await engine.search(query, { lang: 'vi' });
        hybridTimes.push(performance.now() - start);
        start = performance.now();
        engine.searchLexical(query, { lang: 'vi' });
        lexicalTimes.push(performance.now() - start);
      }
    }
    line('## Node (onnxruntime-node, 1 thread, tiny TEST model)');
    line();
    line('| measure | ms |\n|---|---:|');
    line(`| model load (import transformers.js + pipeline) | ${nodeLoad.toFixed(0)} |`);
    line(`| embed one question (median of ${embedTimes.length}) | ${median(embedTimes).toFixed(2)} |`);
    line(`| hybrid search, fixture corpus (median) | ${median(hybridTimes).toFixed(2)} |`);
    line(`| lexical search, same queries (median) | ${median(lexicalTimes).toFixed(2)} |`);
    line();

    // --- Artifact size ----------------------------------------------------------------
    const lexicalReal = await compileCorpus('corpus');
    const startedReal = performance.now();
    const hybridReal = await compileCorpus('corpus', { embedder });
    const embedReal = performance.now() - startedReal;
    if (lexicalReal.json && hybridReal.json && hybridReal.vectors) {
      const phrasings = hybridReal.artifact!.entries.reduce((total, entry) => total + entry.questions.length + 1, 0);
      const gz = (data: string | Uint8Array): number => gzipSync(data, { level: 9 }).length;
      const header = hybridReal.vectors.bytes.length - phrasings * 64;
      line(`## Artifact and vectors sidecar, real corpus (${phrasings} phrasings; compile with embeddings ${(embedReal / 1000).toFixed(1)} s)`);
      line();
      line('The vectors are a sidecar file fetched only when the model loads; the artifact only names it.');
      line();
      line('| file | bytes | gzip -9 |\n|---|---:|---:|');
      line(`| artifact, lexical only | ${kb(lexicalReal.json.length)} | ${kb(gz(lexicalReal.json))} |`);
      line(`| artifact naming the tiny model's sidecar | ${kb(hybridReal.json.length)} | ${kb(gz(hybridReal.json))} |`);
      line(`| sidecar, tiny vectors (64 dims, int8) | ${kb(hybridReal.vectors.bytes.length)} | ${kb(gz(hybridReal.vectors.bytes))} |`);
      line(`| sidecar, 384-dim vectors (e5-small), computed from the layout | ≈ ${kb(header + phrasings * 384)} | — (int8 hardly compresses) |`);
      line();
    }

    // --- Chromium, built bundle ---------------------------------------------------------
    if (!existsSync('dist/.vite/manifest.json')) throw new Error('run `npm run build` first');
    const corpusTiny = compiledFixture.json!;
    const e5 = await e5Fixture();
    const missing: string[] = [];
    const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.html': 'text/html' };
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const send = (body: string | Buffer, type: string): void => {
        response.writeHead(200, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' }).end(body);
      };
      if (url.pathname === '/') {
        send('<!doctype html><title>embedding bench</title><script type="module" src="/bench.js"></script>', 'text/html');
      } else if (url.pathname === '/bench.js') {
        send(benchPageScript(), 'text/javascript');
      } else if (url.pathname === '/e5.html') {
        send('<!doctype html><title>e5-shaped bench</title><script type="module" src="/e5.js"></script>', 'text/html');
      } else if (url.pathname === '/favicon.ico') {
        // The browser asks for one on every page; an empty answer keeps the 404 list for real misses.
        response.writeHead(204).end();
      } else if (url.pathname === '/e5.js') {
        send(e5PageScript(), 'text/javascript');
      } else if (url.pathname === '/dist/corpus-tiny.json') {
        send(corpusTiny, 'application/json');
      } else if (url.pathname === `/dist/${fixtureVectors.file}`) {
        send(Buffer.from(fixtureVectors.bytes), 'application/octet-stream');
      } else if (url.pathname === '/dist/corpus-e5.json') {
        send(e5.json, 'application/json');
      } else if (url.pathname === `/dist/${e5.vectors.file}`) {
        send(Buffer.from(e5.vectors.bytes), 'application/octet-stream');
      } else {
        const file = url.pathname.startsWith('/dist/models/')
          ? path.join(base, ...url.pathname.slice('/dist/models/'.length).split('/'))
          : url.pathname.startsWith('/bench-models/')
            ? path.join(E5_MODELS, ...url.pathname.slice('/bench-models/'.length).split('/'))
            : path.join('dist', ...url.pathname.slice('/dist/'.length).split('/'));
        readFile(file)
          .then((body) => send(body, types[path.extname(file)] ?? 'application/octet-stream'))
          .catch(() => {
            missing.push(url.pathname);
            response.writeHead(404).end();
          });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      const requested = new Set<string>();
      const problems: string[] = [];
      page.on('request', (request) => void requested.add(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy|Refused/.test(message.text())) problems.push(message.text());
      });
      await page.goto(origin + '/');
      const result = (await page.evaluate(
        `window.__bench.then((value) => value)`,
      )) as { mode: { mode: string; reason?: string }; loadMs: number; progress: number; queries: number[]; first: number };
      line('## Chromium, built bundle (worker, ORT WASM plain build, 1 thread, strict CSP, tiny TEST model)');
      line();
      line('| measure | value |\n|---|---:|');
      line(`| mode reached | ${result.mode.mode}${result.mode.reason ? ` (${result.mode.reason})` : ''} |`);
      line(`| load-model → hybrid (wasm fetch + compile + model) | ${result.loadMs.toFixed(0)} ms |`);
      line(`| progress messages | ${result.progress} |`);
      line(`| first hybrid query | ${result.first.toFixed(1)} ms |`);
      line(`| hybrid query, median of ${result.queries.length} | ${median(result.queries).toFixed(1)} ms |`);
      const foreign = [...requested].filter((url) => !url.startsWith(origin));
      line(`| requests outside the test server | ${foreign.length ? foreign.join(', ') : 'none'} |`);
      line(`| console errors / CSP reports | ${problems.length ? problems.join(' · ') : 'none'} |`);
      line(`| 404s | ${missing.length ? missing.join(', ') : 'none'} |`);
      line();
      if (result.mode.mode !== 'hybrid' || foreign.length) process.exitCode = 1;

      line(await e5Section(await browser.newPage(), origin, e5.onnxBytes));
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }

    // --- Chunks -------------------------------------------------------------------------
    const manifest = JSON.parse(await readFile('dist/.vite/manifest.json', 'utf8')) as Record<string, ManifestChunk & { assets?: string[] }>;
    const gzipOf = async (files: string[]): Promise<number> => {
      let total = 0;
      for (const file of files) total += gzipSync(await readFile(path.join('dist', file)), { level: 9 }).length;
      return total;
    };
    const sizeOf = async (files: string[]): Promise<number> => {
      let total = 0;
      for (const file of files) total += (await readFile(path.join('dist', file))).length;
      return total;
    };
    const worker = staticClosure(manifest, 'src/search/worker/worker.ts');
    const lazy = Object.values(manifest).filter((chunk) => chunk.file.includes('transformers')).map((chunk) => chunk.file);
    const wasm = Object.values(manifest).flatMap((chunk) => chunk.assets ?? []).filter((file) => file.endsWith('.wasm'));
    line('## dist/ chunks');
    line();
    line('| chunk | bytes | gzip -9 |\n|---|---:|---:|');
    line(`| engine (worker + static imports; budget 30 KB gzip) | ${kb(await sizeOf(worker))} | ${kb(await gzipOf(worker))} |`);
    line(`| transformers.js + ORT JS (lazy, on load-model) | ${kb(await sizeOf(lazy))} | ${kb(await gzipOf(lazy))} |`);
    line(`| ORT wasm (asset, on load-model) | ${kb(await sizeOf([...new Set(wasm)]))} | ${kb(await gzipOf([...new Set(wasm)]))} |`);
    line();
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  return out.join('\n');
}

/**
 * What both bench pages start with: the built worker, its `ready`/`mode` hooks, a count of
 * progress messages and `ask(text)`, one `query` round trip of the worker protocol.
 */
const WORKER_CLIENT = `
const worker = new Worker('/dist/dvc-assistant.worker.js', { type: 'module' });
let next = 1;
const waiting = new Map();
let onMode, onReady, progress = 0;
worker.onmessage = ({ data }) => {
  if (data.type === 'ready') onReady(data);
  else if (data.type === 'progress') progress++;
  else if (data.type === 'mode') onMode(data);
  else if (data.id !== undefined) waiting.get(data.id)?.(data);
};
const ask = (text) => new Promise((resolve) => {
  const id = next++;
  waiting.set(id, resolve);
  worker.postMessage({ type: 'query', id, text, lang: 'vi' });
});
`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await benchEmbedding());

/** The bench page's module (no inline script under the CSP): drives the real worker through the protocol. */
function benchPageScript(): string {
  return `${WORKER_CLIENT}
window.__bench = (async () => {
  await new Promise((resolve) => {
    onReady = resolve;
    worker.postMessage({ type: 'init', corpusUrl: location.origin + '/dist/corpus-tiny.json', model: '${TINY_MODEL_ID}',
      modelBase: location.origin + '/dist/models/', modelBaseExplicit: false });
  });
  const started = performance.now();
  const mode = await new Promise((resolve) => { onMode = resolve; worker.postMessage({ type: 'load-model' }); });
  const loadMs = performance.now() - started;
  let t = performance.now();
  await ask('lam lai can cuoc cong dan');
  const first = performance.now() - t;
  const queries = [];
  for (let round = 0; round < ${ROUNDS}; round++) {
    for (const text of ${JSON.stringify(QUERIES)}) {
      t = performance.now();
      await ask(text);
      queries.push(performance.now() - t);
    }
  }
  return { mode, loadMs, progress, first, queries };
})();
`;
}

/**
 * The e5-shaped model (generated once) and a fixture corpus whose sidecar holds 384-dim
 * vectors for it: seeded random vectors, since only the cost of the cosine scan matters here
 * (and compiling with the model in Node would take minutes for nothing).
 */
async function e5Fixture(): Promise<{ json: string; vectors: { file: string; bytes: Uint8Array }; onnxBytes: number }> {
  const model = await makeE5ShapedModel({ out: E5_MODELS });
  const random = prng(384);
  const stand_in: Embedder = {
    id: E5_SHAPED_MODEL_ID,
    embed: async (texts) => texts.map(() => Float32Array.from({ length: E5_SMALL_SHAPE.hidden }, () => random() - 0.5)),
  };
  const compiled = await compileCorpus('test/fixtures/corpus', { embedder: stand_in, artifactName: 'corpus-e5.json' });
  if (!compiled.json || !compiled.vectors) throw new Error('the fixture corpus did not compile');
  return { json: compiled.json, vectors: compiled.vectors, onnxBytes: model.onnxBytes };
}

interface E5Result {
  mode: { mode: string; reason?: string };
  loadMs: number;
  lexical: Record<string, number[]>;
  hybrid: Record<string, number[]>;
}

/** Times questions of 16, 32 and 64 tokens through the real worker, lexical then hybrid, and returns the Markdown. */
async function e5Section(page: import('@playwright/test').Page, origin: string, onnxBytes: number): Promise<string> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${origin}/e5.html`);
  const result = (await page.evaluate('window.__e5')) as E5Result;
  await page.close();
  const percentile = (values: number[], p: number): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  };
  const out: string[] = [];
  out.push('## Query embedding, e5-small-shaped model in Chromium (BENCHMARK model: random weights, not a quality measure)');
  out.push('');
  out.push(
    `multilingual-e5-small's geometry (${E5_SMALL_SHAPE.layers} layers, hidden ${E5_SMALL_SHAPE.hidden}, ${E5_SMALL_SHAPE.heads} heads, ` +
      `FFN ${E5_SMALL_SHAPE.intermediate}, ${E5_SMALL_SHAPE.vocab.toLocaleString('en-US')}-row int8 embedding table) with seeded random weights, ` +
      `quantised like the q8 export (DynamicQuantizeLinear + MatMulInteger), ${(onnxBytes / 1024 / 1024).toFixed(1)} MB; ` +
      'generated by `build/model/make-e5-shaped-model.ts`. The built worker loads it through transformers.js (ORT WASM, 1 thread), ' +
      'as the widget does; each question is a `query` message round trip. Questions are exactly 16, 32 and 64 tokens ' +
      '("query: " prefix and [CLS]/[SEP] included). The same questions answered lexically by the same worker before the model ' +
      'loads give the part that is not embedding (analysis, lexical search, messaging).',
  );
  out.push('');
  out.push('| tokens | hybrid p50 (ms) | hybrid p95 (ms) | lexical p50 (ms) | ≈ embedding p50 (ms) | timed |');
  out.push('|---:|---:|---:|---:|---:|---:|');
  for (const tokens of TOKEN_LENGTHS) {
    const hybrid = result.hybrid[tokens] ?? [];
    const lexical = result.lexical[tokens] ?? [];
    const p50 = percentile(hybrid, 0.5);
    const lexicalP50 = percentile(lexical, 0.5);
    out.push(
      `| ${tokens} | ${p50.toFixed(1)} | ${percentile(hybrid, 0.95).toFixed(1)} | ${lexicalP50.toFixed(1)} | ${(p50 - lexicalP50).toFixed(1)} | ${hybrid.length} |`,
    );
  }
  out.push('');
  out.push(
    `Mode reached: ${result.mode.mode}${result.mode.reason ? ` (${result.mode.reason})` : ''}; load-model → hybrid ${(result.loadMs / 1000).toFixed(1)} s ` +
      '(model download from loopback, Cache API write, WASM compile, session, one warm-up run). ' +
      `Console errors: ${problems.length ? problems.join(' · ') : 'none'}.`,
  );
  out.push('');
  if (result.mode.mode !== 'hybrid') process.exitCode = 1;
  return out.join('\n');
}

/** The e5 page's module: lexical timings first, then load-model, then hybrid timings, per question length. */
function e5PageScript(): string {
  const texts = Object.fromEntries(TOKEN_LENGTHS.map((tokens) => [tokens, textOfTokens(tokens)]));
  return `${WORKER_CLIENT}
const texts = ${JSON.stringify(texts)};
const time = async (rounds) => {
  const times = {};
  for (const tokens of Object.keys(texts)) times[tokens] = [];
  for (let round = 0; round < ${E5_WARMUP}; round++) for (const text of Object.values(texts)) await ask(text);
  for (let round = 0; round < rounds; round++) {
    for (const [tokens, text] of Object.entries(texts)) {
      const started = performance.now();
      await ask(text);
      times[tokens].push(performance.now() - started);
    }
  }
  return times;
};
window.__e5 = (async () => {
  await new Promise((resolve) => {
    onReady = resolve;
    worker.postMessage({ type: 'init', corpusUrl: location.origin + '/dist/corpus-e5.json', model: '${E5_SHAPED_MODEL_ID}',
      modelBase: location.origin + '/bench-models/', modelBaseExplicit: false });
  });
  const lexical = await time(${E5_ROUNDS});
  const started = performance.now();
  const mode = await new Promise((resolve) => { onMode = resolve; worker.postMessage({ type: 'load-model' }); });
  const loadMs = performance.now() - started;
  const hybrid = await time(${E5_ROUNDS});
  return { mode, loadMs, lexical, hybrid };
})();
`;
}
