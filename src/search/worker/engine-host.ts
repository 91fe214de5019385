import { CorpusError } from '../../errors.js';
import { createEngine, type Engine, type EngineOptions } from '../core/engine.js';
import type { CorpusArtifact, Embedder, ModeChange, ModelProgress } from '../core/types.js';
import { isEngineRequest, type EngineRequest, type EngineResponse } from './protocol.js';

/**
 * The engine side of the protocol, independent of where it runs: a worker wires it to
 * `self`, the client's main-thread fallback to a callback, tests to an array. It loads
 * the corpus on `init`, answers `query` and `entry`, and drops answers to cancelled
 * requests that were still waiting for the corpus or for the model to embed the question.
 *
 * On `load-model` it loads the embedding model named in `init`, once, and only when it
 * can help: the model is configured, the corpus holds vectors of that model, and the model
 * base's `index.json` lists it (or the base was set explicitly and has no index). Then the
 * engine turns hybrid. Any failure leaves it lexical, with one `console.info`.
 */

/** What the host asks of a model loader. */
export interface EmbedderRequest {
  model: string;
  /** Absolute URL of the model base (ends with `/`). */
  modelBase: string;
  onProgress(progress: ModelProgress): void;
}

/** The part of `Response` the host reads. */
export interface CorpusResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  /** The vectors sidecar is binary. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface EngineHostOptions {
  /** Sends a response to the client. */
  post(message: EngineResponse): void;
  /** Downloads the corpus; `fetch` by default. */
  fetch?: (url: string) => Promise<CorpusResponse>;
  /** Passed to {@link createEngine} (embedder, gate settings). */
  engine?: EngineOptions;
  /**
   * Loads the embedding model (the worker passes the transformers.js loader). Without it
   * the host stays lexical (`mode` reason `unsupported`): the main-thread fallback does not
   * run a model on the host page's thread.
   */
  loadEmbedder?: (request: EmbedderRequest) => Promise<Embedder>;
  /** Where the one message about a model that cannot be used goes; `console.info` by default. */
  info?: (message: string) => void;
}

/** `<model base>/index.json`, as written by the build (`build/model/model-index.ts`). */
interface ModelIndexFile {
  models?: ({ id?: unknown } | string)[];
}

export interface EngineHost {
  /** Handles one incoming message; resolves when its response (if any) has been posted. */
  handle(message: unknown): Promise<void>;
}

/**
 * @example
 * const host = createEngineHost({ post: (message) => self.postMessage(message) });
 * self.onmessage = (event) => void host.handle(event.data);
 */
export function createEngineHost(options: EngineHostOptions): EngineHost {
  const { post } = options;
  // The corpus keeps a fixed name while agencies update it: always revalidate (a 304 is cheap).
  const download = options.fetch ?? ((url: string) => fetch(url, { cache: 'no-cache' }));
  let engine: Promise<Engine> | undefined;
  let corpusUrl: string | undefined;
  const waiting = new Set<number>();
  const cancelled = new Set<number>();
  let modelConfig: { model: string; modelBase: string; explicit: boolean } | null = null;
  let modelLoad: Promise<ModeChange> | undefined;
  const info = options.info ?? ((message: string) => console.info(message));

  /** Whether `<base>index.json` lists the model; without a readable index, whether the base is explicit. */
  async function listed(config: { model: string; modelBase: string; explicit: boolean }): Promise<boolean> {
    let index: ModelIndexFile;
    try {
      const response = await download(new URL('index.json', config.modelBase).href);
      if (!response.ok) return config.explicit;
      index = (await response.json()) as ModelIndexFile;
    } catch {
      return config.explicit;
    }
    const models = Array.isArray(index?.models) ? index.models : [];
    return models.some((item) => (typeof item === 'string' ? item : item?.id) === config.model);
  }

  async function loadModel(ready: Engine, config: NonNullable<typeof modelConfig>): Promise<ModeChange> {
    if (!options.loadEmbedder) return { mode: 'lexical', reason: 'unsupported' };
    if (ready.info.modelId !== config.model) {
      if (ready.info.modelId !== null || config.explicit) {
        info(
          `dvc-assistant: the corpus has no embeddings for model ${config.model} ` +
            `(it has ${ready.info.modelId ?? 'none'}); answering with lexical search. ` +
            `Rebuild it with \`npm run corpus:build -- --model ${config.model}\`.`,
        );
      }
      return { mode: 'lexical', reason: 'no-embeddings' };
    }
    if (!(await listed(config))) return { mode: 'lexical', reason: 'not-listed' };
    // The phrasing vectors come with the model, never before: lexical visitors do not download them.
    const vectors = loadVectors(ready);
    let embedder: Embedder;
    try {
      embedder = await options.loadEmbedder({
        model: config.model,
        modelBase: config.modelBase,
        onProgress: (progress) => post({ type: 'progress', ...progress }),
      });
    } catch (error) {
      info(`dvc-assistant: the embedding model ${config.model} could not be loaded (${messageOf(error)}); answering with lexical search.`);
      return { mode: 'lexical', reason: 'failed' };
    }
    const vectorsError = await vectors;
    if (vectorsError) {
      info(`dvc-assistant: the corpus vectors could not be loaded (${vectorsError}); answering with lexical search.`);
      return { mode: 'lexical', reason: 'failed' };
    }
    const mode = ready.setEmbedder(embedder);
    return mode === 'hybrid' ? { mode } : { mode, reason: 'no-embeddings' };
  }

  /** Downloads the engine's vectors sidecar (next to the corpus, revalidated like it) and attaches it; the error message if that fails. */
  async function loadVectors(ready: Engine): Promise<string | null> {
    if (!ready.vectorsFile || !corpusUrl) return 'the corpus names no vectors file';
    const url = new URL(ready.vectorsFile, corpusUrl).href;
    try {
      const response = await download(url);
      if (!response.ok) return `${url} answered HTTP ${response.status}`;
      ready.loadVectors(await response.arrayBuffer());
      return null;
    } catch (error) {
      return messageOf(error);
    }
  }

  /** The settled mode for `load-model`: loads at most once per `init`. */
  async function modelMode(): Promise<ModeChange> {
    const config = modelConfig;
    if (!engine || !config) return { mode: 'lexical', reason: 'disabled' };
    let ready: Engine;
    try {
      ready = await engine;
    } catch {
      return { mode: 'lexical', reason: 'failed' }; // the corpus error was reported on init
    }
    modelLoad ??= loadModel(ready, config);
    return modelLoad;
  }

  async function load(corpusUrl: string): Promise<Engine> {
    let response: CorpusResponse;
    try {
      response = await download(corpusUrl);
    } catch (error) {
      throw new CorpusError(`dvc/search: cannot download the corpus from ${corpusUrl}`, { cause: error });
    }
    if (!response.ok) throw new CorpusError(`dvc/search: the corpus at ${corpusUrl} answered HTTP ${response.status}`);
    let data: unknown;
    try {
      data = await response.json();
    } catch (error) {
      throw new CorpusError(`dvc/search: the corpus at ${corpusUrl} is not JSON`, { cause: error });
    }
    return createEngine(data as CorpusArtifact, options.engine);
  }

  /** The engine for a request, or undefined after posting why there is none or the request was cancelled. */
  async function engineFor(id: number): Promise<Engine | undefined> {
    if (!engine) {
      post({ type: 'error', id, message: 'dvc/search: the engine has no corpus yet (send init first)' });
      return undefined;
    }
    waiting.add(id);
    try {
      const ready = await engine;
      return cancelled.has(id) ? undefined : ready;
    } catch (error) {
      if (!cancelled.has(id)) post({ type: 'error', id, message: messageOf(error) });
      return undefined;
    } finally {
      waiting.delete(id);
      cancelled.delete(id);
    }
  }

  async function handleRequest(request: EngineRequest): Promise<void> {
    switch (request.type) {
      case 'init': {
        corpusUrl = request.corpusUrl;
        const loading = load(request.corpusUrl);
        engine = loading;
        modelLoad = undefined;
        modelConfig =
          request.model && request.model !== 'none' && request.modelBase
            ? { model: request.model, modelBase: request.modelBase, explicit: request.modelBaseExplicit === true }
            : null;
        try {
          post({ type: 'ready', info: (await loading).info });
        } catch (error) {
          post({ type: 'error', message: messageOf(error) });
        }
        return;
      }
      case 'query': {
        const ready = await engineFor(request.id);
        if (!ready) return;
        // In hybrid mode the search waits for the model to embed the question: it can be cancelled meanwhile.
        waiting.add(request.id);
        try {
          const result = await ready.search(request.text, {
            lang: request.lang,
            ...(request.limit === undefined ? {} : { limit: request.limit }),
            ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
          });
          if (!cancelled.has(request.id)) post({ type: 'result', id: request.id, result });
        } finally {
          waiting.delete(request.id);
          cancelled.delete(request.id);
        }
        return;
      }
      case 'load-model': {
        const change = await modelMode();
        post({ type: 'mode', ...change });
        return;
      }
      case 'entry': {
        const ready = await engineFor(request.id);
        if (!ready) return;
        post({ type: 'entry', id: request.id, entry: ready.entry(request.entryId, request.lang) ?? null });
        return;
      }
      case 'cancel':
        // Only requests still waiting (for the corpus, or for the model to embed a question) can be stopped.
        if (waiting.has(request.id)) cancelled.add(request.id);
        return;
    }
  }

  return {
    async handle(message) {
      if (!isEngineRequest(message)) {
        const id = (message as { id?: unknown } | null)?.id;
        post({
          type: 'error',
          ...(Number.isInteger(id) ? { id: id as number } : {}),
          message: 'dvc/search: unknown message',
        });
        return;
      }
      try {
        await handleRequest(message);
      } catch (error) {
        post({ type: 'error', ...('id' in message ? { id: message.id } : {}), message: messageOf(error) });
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : `dvc/search: ${String(error)}`;
}
