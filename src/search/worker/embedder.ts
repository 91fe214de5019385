/**
 * The embedding model in the browser (the search worker): transformers.js, loaded only
 * when the client asks for the model (`load-model`), as its own lazy chunk.
 *
 * Settings, and why (docs/decisions/0003-embeddings.md):
 * - Files come only from the model base (`<model-base><model id>/…`): transformers.js'
 *   "remote host" is pointed at it (an absolute `localModelPath` on another origin does not
 *   work in v4), local paths are off, and `env.fetch` refuses any URL outside the base, so
 *   the Hugging Face Hub or a CDN is never contacted.
 * - ONNX Runtime: device `wasm`, one thread (no cross-origin isolation needed, no pthread
 *   workers), no proxy worker (we are in a worker already). Its `.wasm` is the one the
 *   bundler emits next to the chunk (`wasmPaths` unset: the default points at a public
 *   CDN); `useWasmCache = false`, because that cache imports the runtime from a `blob:`
 *   URL, which `script-src 'self' 'wasm-unsafe-eval'` blocks.
 * - Model files are cached with the Cache API under {@link MODEL_CACHE_NAME}
 *   (transformers.js' own browser cache, renamed). A cache hit is never revalidated: a new
 *   model must get a new id or folder name. Bump the name's version when the cached
 *   layout changes.
 */
import type { Embedder } from '../core/types.js';
import type { EmbedderRequest } from './engine-host.js';
import { PIPELINE_DTYPE, embedderFromPipeline, type FeatureExtractor } from './embedder-pipeline.js';

/** Cache API cache holding model files. */
export const MODEL_CACHE_NAME = 'dvc-assistant-models-v1';

/** Progress messages at most every this share of the total (plus each new file and the end). */
const PROGRESS_STEP = 0.01;

/**
 * Loads the model named in the request and returns an embedder, after one warm-up run
 * (the first inference prepares the kernels; a citizen's first question should not pay it).
 *
 * @throws whatever transformers.js or ONNX Runtime throw (missing file, blocked fetch, no WebAssembly)
 */
export async function loadBrowserEmbedder(request: EmbedderRequest): Promise<Embedder> {
  const { env, pipeline } = await import('@huggingface/transformers');
  const base = request.modelBase.endsWith('/') ? request.modelBase : `${request.modelBase}/`;

  env.allowLocalModels = false;
  env.allowRemoteModels = true; // "remote" is the model base set here, never the Hub
  env.remoteHost = base;
  env.remotePathTemplate = '{model}/';
  env.useFSCache = false;
  env.useBrowserCache = typeof caches !== 'undefined';
  env.cacheKey = MODEL_CACHE_NAME;
  env.useWasmCache = false;
  const fetchFromBase = globalThis.fetch.bind(globalThis);
  env.fetch = (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    if (!url.startsWith(base)) return Promise.reject(new Error(`dvc/search: refused to fetch ${url}, outside the model base ${base}`));
    return fetchFromBase(input, init);
  };
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    delete wasm.wasmPaths;
    wasm.numThreads = 1;
    wasm.proxy = false;
  }

  const report = progressReporter(request.onProgress);
  const extractor = await pipeline('feature-extraction', request.model, {
    device: 'wasm',
    dtype: PIPELINE_DTYPE,
    progress_callback: report,
  });
  const embedder = embedderFromPipeline(request.model, extractor as unknown as FeatureExtractor);
  await embedder.embed(['thủ tục hành chính']);
  return embedder;
}

/** transformers.js progress events, as the protocol's `progress` (all files together, throttled). */
function progressReporter(onProgress: EmbedderRequest['onProgress']): (event: unknown) => void {
  let loaded = 0;
  let total = 0;
  let lastFile = '';
  let lastLoaded = -1;
  return (event) => {
    const info = event as { status?: string; file?: string; loaded?: number; total?: number };
    if (info.status === 'progress_total') {
      loaded = finite(info.loaded);
      total = finite(info.total);
      return;
    }
    if (info.status !== 'progress' || typeof info.file !== 'string') return;
    if (total === 0) {
      // No aggregate (file sizes unknown up front): report the file alone.
      loaded = finite(info.loaded);
      total = finite(info.total);
    }
    const step = Math.max(1, total * PROGRESS_STEP);
    if (info.file !== lastFile || loaded - lastLoaded >= step || (total > 0 && loaded >= total)) {
      if (loaded === lastLoaded && info.file === lastFile) return;
      lastFile = info.file;
      lastLoaded = loaded;
      onProgress({ loaded, total, file: info.file });
    }
  };
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
