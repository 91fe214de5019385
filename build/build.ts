/**
 * `npm run build`: the loader, the app chunks, then the compiled corpus, all into `dist/`.
 * Everything in `dist/` is rebuilt except `dist/models/` (models put there by
 * `npm run model:fetch`, too big to fetch again), so nothing stale survives a build.
 *
 * Embeddings: with `DVC_MODEL=<model id>` in the environment (and the model's files under
 * `DVC_MODEL_BASE`, default `dist/models/`), the corpus is compiled with that model's
 * vectors. Last, `dist/models/index.json` lists the models present there (an empty list
 * by default): the widget never asks for files of a model that is not listed.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { writeModelIndex } from './model/model-index.js';

const DIST = 'dist';
const MODELS = path.join(DIST, 'models');

const started = performance.now();
await mkdir(DIST, { recursive: true });
for (const name of await readdir(DIST)) {
  if (name !== 'models') await rm(path.join(DIST, name), { recursive: true, force: true });
}
await build({ mode: 'loader', logLevel: 'warn', build: { emptyOutDir: false } });
await build({ mode: 'app', logLevel: 'warn' });

const model = process.env['DVC_MODEL']?.trim();
const modelArgs = model && model !== 'none' ? ['--model', model, '--model-base', process.env['DVC_MODEL_BASE'] ?? MODELS] : [];
const corpus = spawnSync(process.execPath, ['--import', 'tsx', 'build/corpus/cli.ts', 'build', ...modelArgs], { stdio: 'inherit' });
if (corpus.status !== 0) process.exit(corpus.status ?? 1);

const index = await writeModelIndex(MODELS);
const listed = index.models.map((entry) => entry.id).join(', ') || 'none';
console.error(`dvc-assistant: models in ${MODELS}/: ${listed}`);
console.error(`dvc-assistant: built dist/ in ${Math.round(performance.now() - started)} ms`);
