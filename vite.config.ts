import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Two builds into one `dist/` (see docs/decisions/0001-loader-and-app.md):
 * - `vite build --mode loader`: `dist/dvc-assistant.js`, the classic script agencies paste.
 *   An IIFE cannot split code, so it imports the app at a runtime URL Vite leaves alone.
 * - `vite build --mode app`: the lazily loaded ES chunks, in app mode (library mode would
 *   inline `new URL('x.wasm', import.meta.url)` assets as huge data URLs).
 * Only the first build empties `dist/`.
 */
export default defineConfig(({ mode }) => {
  const define = { __DVC_VERSION__: JSON.stringify(version) };
  if (mode === 'loader') {
    return {
      define,
      publicDir: false,
      build: {
        target: 'es2021',
        outDir: 'dist',
        emptyOutDir: true,
        reportCompressedSize: false,
        lib: {
          entry: 'src/loader.ts',
          name: 'DvcAssistantLoader',
          formats: ['iife'],
          fileName: () => 'dvc-assistant.js',
        },
        rolldownOptions: { output: { minify: true } },
      },
    };
  }
  return {
    define,
    base: './',
    publicDir: false,
    worker: { format: 'es' },
    resolve: {
      // transformers.js imports ONNX Runtime's WebGPU build; the plain WASM build is half the
      // size (14 MB wasm instead of 27 MB) and has no `new Function` (strict CSP). Its `.wasm`
      // is emitted as a hashed asset next to the chunks (`new URL(…, import.meta.url)`), never
      // inlined, and loaded from there: no CDN. See docs/decisions/0003-embeddings.md.
      alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }],
    },
    build: {
      target: 'es2021',
      outDir: 'dist',
      emptyOutDir: false,
      reportCompressedSize: false,
      // transformers.js + ONNX Runtime's JS (≈ 505 KB, 130 KB gzip) is one lazy chunk, loaded
      // only with the embedding model; it needs no warning.
      chunkSizeWarningLimit: 600,
      modulePreload: false,
      manifest: true,
      rolldownOptions: {
        input: {
          'dvc-assistant.app': 'src/app.ts',
          'dvc-assistant.worker': 'src/search/worker/worker.ts',
          // The guided-tour engine: loaded only when a tour starts or one is in progress.
          'dvc-assistant.tours': 'src/tours/entry.ts',
        },
        // The app and tour entries are imported by the loader for their exports.
        preserveEntrySignatures: 'strict',
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  };
});
