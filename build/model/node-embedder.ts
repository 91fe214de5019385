import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../src/search/core/types.js';
import { PIPELINE_DTYPE, embedderFromPipeline, type FeatureExtractor } from '../../src/search/worker/embedder-pipeline.js';
import { MODEL_FILES } from './model-index.js';

export interface NodeEmbedderOptions {
  /** Model id, e.g. `Xenova/multilingual-e5-small`. */
  model: string;
  /** Folder (or URL) that holds `<model id>/…` files. */
  modelBase: string;
}

/**
 * Loads an embedding model in Node for the compiler and the CLI, or `null` when its files
 * are not there (the caller then runs lexical and says so).
 *
 * transformers.js with onnxruntime-node, offline: `allowRemoteModels = false` and
 * `localModelPath = modelBase` for a folder (a URL base is read as a remote host, never
 * the Hugging Face Hub), no file-system cache, q8 weights, one thread; texts go through
 * the same {@link embedderFromPipeline} as in the browser (`query: ` prefix, mean pooling,
 * normalisation).
 *
 * @throws Error when the files are there but cannot be loaded (a broken model is an error, not a fallback)
 * @example const embedder = await loadNodeEmbedder({ model: 'dvc-test/tiny-vi-embed', modelBase: '.cache/models' });
 */
export async function loadNodeEmbedder(options: NodeEmbedderOptions): Promise<Embedder | null> {
  const remote = /^https?:\/\//i.test(options.modelBase);
  const base = remote ? withSlash(options.modelBase) : `${path.resolve(options.modelBase)}${path.sep}`;
  if (remote ? !(await remoteModelPresent(base, options.model)) : !localModelPresent(base, options.model)) return null;

  const { env, pipeline } = await import('@huggingface/transformers');
  env.useFSCache = false;
  env.useBrowserCache = false;
  if (remote) {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = base;
    env.remotePathTemplate = '{model}/';
  } else {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = base;
  }
  const extractor = await pipeline('feature-extraction', options.model, {
    dtype: PIPELINE_DTYPE,
    device: 'cpu',
    session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  });
  return embedderFromPipeline(options.model, extractor as unknown as FeatureExtractor);
}

function localModelPresent(base: string, model: string): boolean {
  return MODEL_FILES.every((file) => existsSync(path.join(base, ...model.split('/'), file)));
}

async function remoteModelPresent(base: string, model: string): Promise<boolean> {
  try {
    const response = await fetch(new URL(`${model}/config.json`, base), { method: 'HEAD' });
    return response.ok;
  } catch {
    return false;
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
