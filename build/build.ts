/**
 * `npm run build`: the loader, the app chunks, then the compiled corpus, all into `dist/`.
 * Vite empties `dist/` only in the first step, so nothing stale survives a build.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'vite';

const started = performance.now();
await build({ mode: 'loader', logLevel: 'warn' });
await build({ mode: 'app', logLevel: 'warn' });

const corpus = spawnSync(process.execPath, ['--import', 'tsx', 'build/corpus/cli.ts', 'build'], { stdio: 'inherit' });
if (corpus.status !== 0) process.exit(corpus.status ?? 1);

console.error(`dvc-assistant: built dist/ in ${Math.round(performance.now() - started)} ms`);
