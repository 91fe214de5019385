/**
 * `npm test`: every check, in the order that fails fastest, each in the runner where it
 * lives. Stops at the first failing step and exits with its code.
 */
import { spawnSync } from 'node:child_process';

const STEPS: [name: string, command: string[]][] = [
  ['typecheck', ['npx', 'tsc', '--noEmit']],
  ['corpus check', ['npm', 'run', '--silent', 'corpus:check']],
  ['unit tests (Node)', ['npx', 'vitest', 'run']],
  ['build', ['npm', 'run', '--silent', 'build']],
  // Search quality on the dev set, held to a regression floor (test/eval/floor.json).
  ['search quality (dev set)', ['npm', 'run', '--silent', 'eval', '--', '--file', 'test/eval/dev.jsonl', '--model', 'none', '--check', '--targets', 'test/eval/floor.json']],
  // The check set, never tuned on, held to its own floor (test/eval/check-floor.json).
  ['search quality (check set)', ['npm', 'run', '--silent', 'eval', '--', '--file', 'test/eval/check.jsonl', '--model', 'none', '--check', '--targets', 'test/eval/check-floor.json']],
  ['size budgets', ['npm', 'run', '--silent', 'size']],
  // Every guided tour replayed in Chromium against the demo portal.
  ['tours check', ['npm', 'run', '--silent', 'tours:check']],
  ['browser tests (Chromium)', ['npx', 'wtr']],
  ['end-to-end tests (Playwright)', ['npx', 'playwright', 'test']],
];

const results: string[] = [];
for (const [name, [command, ...args]] of STEPS) {
  const started = performance.now();
  console.log(`\n▶ ${name}`);
  const run = spawnSync(command!, args, { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push(`${run.status === 0 ? '✔' : '✘'} ${name} (${seconds} s)`);
  if (run.status !== 0) {
    console.log(`\n${results.join('\n')}\nnpm test: "${name}" failed`);
    process.exit(run.status ?? 1);
  }
}
console.log(`\n${results.join('\n')}\nnpm test: all ${STEPS.length} steps passed`);
