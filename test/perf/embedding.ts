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
import { TINY_MODEL_ID, makeTinyModel } from '../../build/model/make-tiny-model.js';
import { loadNodeEmbedder } from '../../build/model/node-embedder.js';
import { staticClosure, type ManifestChunk } from '../../build/manifest.js';
import { createEngine } from '../../src/search/core/engine.js';

const QUERIES = ['lam lai cccd o dau', 'đổi giấy phép lái xe', 'gia han the bao hiem y te', 'tra cuu ho so', 'khai sinh cho con', 'thời tiết hôm nay'];
const ROUNDS = 20;
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
    const fixture = (await compileCorpus('test/fixtures/corpus', { embedder })).artifact!;
    const engine = createEngine(fixture, { embedder });
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
    if (lexicalReal.json && hybridReal.json && hybridReal.artifact) {
      const phrasings = hybridReal.artifact.entries.reduce((total, entry) => total + entry.questions.length + 1, 0);
      const vectorChars = (dim: number): number => Math.ceil((phrasings * dim) / 3) * 4;
      const gz = (text: string): number => gzipSync(text, { level: 9 }).length;
      line(`## Artifact size, real corpus (${phrasings} phrasings; compile with embeddings ${(embedReal / 1000).toFixed(1)} s)`);
      line();
      line('| artifact | bytes | gzip -9 |\n|---|---:|---:|');
      line(`| lexical only | ${kb(lexicalReal.json.length)} | ${kb(gz(lexicalReal.json))} |`);
      line(`| + tiny vectors (64 dims, int8, base64) | ${kb(hybridReal.json.length)} | ${kb(gz(hybridReal.json))} |`);
      line(`| + 384-dim vectors (e5-small), extrapolated | ≈ ${kb(lexicalReal.json.length + vectorChars(384))} | ≈ ${kb(gz(lexicalReal.json) + phrasings * 384 * 0.9)} |`);
      line();
    }

    // --- Chromium, built bundle ---------------------------------------------------------
    if (!existsSync('dist/.vite/manifest.json')) throw new Error('run `npm run build` first');
    const corpusTiny = JSON.stringify(fixture);
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
      } else if (url.pathname === '/dist/corpus-tiny.json') {
        send(corpusTiny, 'application/json');
      } else {
        const file = url.pathname.startsWith('/dist/models/')
          ? path.join(base, ...url.pathname.slice('/dist/models/'.length).split('/'))
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await benchEmbedding());

/** The bench page's module (no inline script under the CSP): drives the real worker through the protocol. */
function benchPageScript(): string {
  return `
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
