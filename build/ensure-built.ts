/**
 * Before `npm start`: builds `dist/` when it is missing or older than its sources, so a
 * fresh clone needs only `npm ci && npm start`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = ['dist/dvc-assistant.js', 'dist/dvc-assistant.app.js', 'dist/dvc-assistant.worker.js', 'dist/corpus.json'];
const SOURCES = ['src', 'corpus', 'package.json', 'vite.config.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const built = OUTPUTS.every(existsSync) ? Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs)) : 0;
const changed = Math.max(...SOURCES.map(newestMtime));
if (built > changed) {
  console.error('dvc-assistant: dist/ is up to date');
} else {
  console.error(built ? 'dvc-assistant: sources changed, rebuilding dist/' : 'dvc-assistant: building dist/');
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
