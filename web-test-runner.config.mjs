// @ts-check
// Elements in real Chromium (Debian's /usr/bin/chromium, never a downloaded browser).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIXTURE_CORPUS = 'test-results/fixture-corpus.json';
let flakyRequests = 0;

// The browser tests search a small fixture corpus, compiled by the real compiler.
mkdirSync('test-results', { recursive: true });
const compiled = spawnSync(
  process.execPath,
  ['--import', 'tsx', 'build/corpus/cli.ts', 'build', '--dir', 'test/fixtures/corpus', '--out', FIXTURE_CORPUS],
  { stdio: 'inherit' },
);
if (compiled.status !== 0) throw new Error('wtr: the fixture corpus did not compile');

// The embedding tests load the project's tiny TEST model (generated, offline) from a model
// base next to the fixture widget, with a fixture corpus compiled with its vectors.
const TINY_MODELS = 'test-results/models';
const FIXTURE_CORPUS_TINY = 'test-results/fixture-corpus-tiny.json';
for (const args of [
  ['build/model/make-tiny-model.ts', TINY_MODELS],
  ['build/corpus/cli.ts', 'build', '--dir', 'test/fixtures/corpus', '--out', FIXTURE_CORPUS_TINY,
    '--model', 'dvc-test/tiny-vi-embed', '--model-base', TINY_MODELS],
]) {
  const step = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (step.status !== 0) throw new Error(`wtr: ${args[0]} failed`);
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  middleware: [
    // Static mapping: the fixture widget's model base (`<base>models/`) and its corpus with vectors.
    async (context, next) => {
      if (context.path.startsWith('/test/fixtures/widget/models/')) {
        context.path = `/${TINY_MODELS}/${context.path.slice('/test/fixtures/widget/models/'.length)}`;
      } else if (context.path === '/test/fixtures/widget/corpus-tiny.json') {
        context.path = `/${FIXTURE_CORPUS_TINY}`;
      } else if (/^\/test\/fixtures\/widget\/fixture-corpus-tiny\.vectors\.[\w.-]+\.bin$/.test(context.path)) {
        // Its vectors sidecar, named after the compiled file and fetched next to the corpus URL.
        context.path = `/test-results/${context.path.slice('/test/fixtures/widget/'.length)}`;
      }
      return next();
    },
    // Fails every other download of this corpus: a flaky connection.
    async (context, next) => {
      if (context.path !== '/test/fixtures/widget/flaky-corpus.json') return next();
      flakyRequests += 1;
      context.set('Cache-Control', 'no-store');
      if (flakyRequests % 2 === 1) {
        context.status = 503;
        context.body = 'Service Unavailable';
      } else {
        context.type = 'json';
        context.body = readFileSync(FIXTURE_CORPUS, 'utf8');
      }
      return undefined;
    },
  ],
  plugins: [
    // es2022: keeps class fields and decorators in the shape tsc and Vite produce.
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022', define: { __DVC_VERSION__: '"test"' } }),
    {
      name: 'fixture-corpus',
      serve(context) {
        if (context.path === '/test/fixtures/widget/corpus.json') {
          return { body: readFileSync(FIXTURE_CORPUS, 'utf8'), type: 'json' };
        }
        return undefined;
      },
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--disable-gpu', '--disable-quic'],
      },
    }),
  ],
};
