/**
 * `npm run size`: the size budgets of DESIGN.md, measured on the built `dist/` with gzip -9,
 * as a Markdown table. Exits non-zero when a budget is exceeded; part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lazyClosure, staticClosure, type ManifestChunk } from './manifest.js';

const DIST = 'dist';
const KB = 1024;

const gzipBytes = (files: string[]) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);

const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const ui = staticClosure(manifest, 'src/app.ts');
const engine = staticClosure(manifest, 'src/search/worker/worker.ts');
const loader = ['dvc-assistant.js'];
// Loaded when the panel opens (or at load when the outbox or follow list holds something):
// the handoff, dossier, feedback and survey UI, then the code that talks to the central API.
const handoffUi = lazyClosure(manifest, 'src/elements/dvc-assistant-panel/handoff-ui.ts', ui);
const handoff = lazyClosure(manifest, 'src/handoff/service.ts', [...ui, ...handoffUi]);
// Loaded after the UI unless telemetry is off.
const vitals = lazyClosure(manifest, 'src/telemetry/vitals.ts', ui);
// Only what the tour entry adds on top of the UI chunk: shared chunks are already loaded
// when a tour starts from an answer (and are cached from earlier pages when one resumes).
const toursAll = staticClosure(manifest, 'src/tours/entry.ts');
const tours = toursAll.filter((file) => !ui.includes(file));

const rows = [
  { what: 'loader (dvc-assistant.js)', files: loader, budget: 8 * KB },
  { what: 'UI chunk (app entry + static imports)', files: ui, budget: 60 * KB },
  { what: 'engine chunk (worker + static imports)', files: engine, budget: 30 * KB },
  { what: 'handoff UI chunk (lazy: consent, status, dossiers, feedback, survey)', files: handoffUi, budget: 12 * KB },
  { what: 'handoff service chunk (lazy: client, outbox, lookups, posting)', files: handoff, budget: 8 * KB },
  { what: 'web-vitals chunk (lazy, telemetry on)', files: vitals, budget: 6 * KB },
  { what: 'before intent (loader + UI + web-vitals)', files: [...loader, ...ui, ...vitals], budget: 100 * KB },
  { what: 'tour engine chunk (entry + static imports not in the UI chunk)', files: tours, budget: 20 * KB },
  { what: 'tour engine on a page that only resumes a tour (entry + all static imports)', files: toursAll, budget: 24 * KB },
  // Fetched when the widget first searches; embeddings live in a sidecar fetched with the model.
  { what: 'corpus artifact (corpus.json, without embeddings)', files: ['corpus.json'], budget: 150 * KB },
].map((row) => ({ ...row, bytes: gzipBytes(row.files) }));

console.log('| budget | gzip bytes | limit | status |\n|---|---:|---:|---|');
for (const row of rows) {
  console.log(`| ${row.what} | ${row.bytes} | ${row.budget} | ${row.bytes <= row.budget ? 'ok' : 'OVER'} |`);
}
const over = rows.filter((r) => r.bytes > r.budget);
if (over.length) {
  console.error(`size: ${over.length} budget(s) exceeded: ${over.map((r) => r.what).join('; ')}`);
  process.exit(1);
}
