/**
 * Loading the model through the protocol: the engine host's `load-model` decisions
 * (configured? vectors in the corpus? listed in index.json?), progress and mode messages,
 * lexical answers while the model loads, and the SearchClient API the UI calls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCorpus } from '../../../build/corpus/compile.js';
import { TINY_MODEL_ID, makeTinyModel } from '../../../build/model/make-tiny-model.js';
import { loadNodeEmbedder } from '../../../build/model/node-embedder.js';
import { createSearchClient, type ClientEnvironment, type WorkerLike } from '../../../src/search/client.js';
import type { CorpusArtifact, Embedder, ModeChange, ModelProgress } from '../../../src/search/core/types.js';
import { createEngineHost, type CorpusResponse, type EmbedderRequest } from '../../../src/search/worker/engine-host.js';
import { encodeVectorFile, vectorFileName } from '../../../src/search/core/vectors.js';
import type { EngineRequest, EngineResponse } from '../../../src/search/worker/protocol.js';
import { fixtureArtifact } from './fixture.js';

const SITE = 'https://phuong.example.gov.vn';
const CORPUS = `${SITE}/dvc/corpus.json`;
const MODELS = `${SITE}/dvc/models/`;
const INDEX = `${MODELS}index.json`;
const VECTORS = `${SITE}/dvc/${vectorFileName('corpus.json', TINY_MODEL_ID)}`;
const LISTED = { models: [{ id: TINY_MODEL_ID, bytes: 1 }] };

let base: string;
let tiny: Embedder;
let lexicalArtifact: CorpusArtifact;
let hybridArtifact: CorpusArtifact;
let hybridVectors: Uint8Array;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'dvc-tiny-'));
  await makeTinyModel({ out: base });
  tiny = (await loadNodeEmbedder({ model: TINY_MODEL_ID, modelBase: base }))!;
  lexicalArtifact = await fixtureArtifact();
  const hybrid = await compileCorpus('test/fixtures/corpus', { today: '2026-11-28', embedder: tiny });
  hybridArtifact = hybrid.artifact!;
  hybridVectors = hybrid.vectors!.bytes;
}, 120_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

/** A fetch answer from a map of URLs: JSON values, or bytes (the vectors sidecar). */
function respond(files: Record<string, unknown>, url: string, fallback?: unknown): CorpusResponse {
  const body = url in files ? files[url] : fallback;
  if (body === undefined) return { ok: false, status: 404, json: async () => ({}), arrayBuffer: async () => new ArrayBuffer(0) };
  return {
    ok: true,
    status: 200,
    json: async () => (body instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(body)) : structuredClone(body)),
    arrayBuffer: async () => (body instanceof Uint8Array ? body.slice().buffer : new TextEncoder().encode(JSON.stringify(body)).buffer),
  };
}

interface Setup {
  files?: Record<string, unknown>;
  /** What the model loader does; default: progress for two files, then the tiny model. */
  loader?: (request: EmbedderRequest) => Promise<Embedder>;
  withLoader?: boolean;
}

function hostWith({ files = {}, loader, withLoader = true }: Setup) {
  const posted: EngineResponse[] = [];
  const requested: string[] = [];
  const infos: string[] = [];
  const loads: EmbedderRequest[] = [];
  const fetch = async (url: string): Promise<CorpusResponse> => {
    requested.push(url);
    return respond(files, url);
  };
  const defaultLoader = async (request: EmbedderRequest): Promise<Embedder> => {
    request.onProgress({ loaded: 10, total: 110, file: 'config.json' });
    request.onProgress({ loaded: 110, total: 110, file: 'onnx/model_quantized.onnx' });
    return tiny;
  };
  const host = createEngineHost({
    post: (message) => posted.push(message),
    fetch,
    info: (message) => infos.push(message),
    ...(withLoader
      ? {
          loadEmbedder: (request: EmbedderRequest) => {
            loads.push(request);
            return (loader ?? defaultLoader)(request);
          },
        }
      : {}),
  });
  return { host, posted, requested, infos, loads };
}

const init = (model: string | null, explicit = false) =>
  ({ type: 'init', corpusUrl: CORPUS, model, modelBase: MODELS, modelBaseExplicit: explicit }) as const;

describe('load-model in the engine host', () => {
  it('stays lexical, fetching nothing, when no model is configured', async () => {
    const { host, posted, requested, loads } = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED } });
    await host.handle(init('none'));
    await host.handle({ type: 'load-model' });
    expect(posted.at(-1)).toEqual({ type: 'mode', mode: 'lexical', reason: 'disabled' });
    expect(requested).toEqual([CORPUS]);
    expect(loads).toEqual([]);
  });

  it('does not download a model the corpus has no vectors for, and stays quiet about the default setup', async () => {
    const { host, posted, requested, infos, loads } = hostWith({ files: { [CORPUS]: lexicalArtifact, [INDEX]: LISTED } });
    await host.handle(init('Xenova/multilingual-e5-small'));
    await host.handle({ type: 'load-model' });
    expect(posted.at(-1)).toEqual({ type: 'mode', mode: 'lexical', reason: 'no-embeddings' });
    expect(requested).toEqual([CORPUS]);
    expect(loads).toEqual([]);
    expect(infos).toEqual([]);
  });

  it('says once why a corpus built for another model cannot be used', async () => {
    const { host, posted, infos } = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED } });
    await host.handle(init('Xenova/multilingual-e5-small'));
    await host.handle({ type: 'load-model' });
    await host.handle({ type: 'load-model' });
    expect(posted.filter((message) => message.type === 'mode')).toEqual([
      { type: 'mode', mode: 'lexical', reason: 'no-embeddings' },
      { type: 'mode', mode: 'lexical', reason: 'no-embeddings' },
    ]);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/no embeddings for model Xenova\/multilingual-e5-small \(it has dvc-test\/tiny-vi-embed\)/);
  });

  it('never requests the files of a model index.json does not list, unless the base was set explicitly', async () => {
    for (const index of [undefined, { models: [] }, { models: [{ id: 'other/model' }] }, 'not json']) {
      const files: Record<string, unknown> = { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors };
      if (index !== undefined) files[INDEX] = index;
      const { host, posted, loads } = hostWith({ files });
      await host.handle(init(TINY_MODEL_ID));
      await host.handle({ type: 'load-model' });
      expect(posted.at(-1), JSON.stringify(index)).toEqual({ type: 'mode', mode: 'lexical', reason: 'not-listed' });
      expect(loads).toEqual([]);
    }
    const explicit = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors } });
    await explicit.host.handle(init(TINY_MODEL_ID, true));
    await explicit.host.handle({ type: 'load-model' });
    expect(explicit.posted.at(-1)).toEqual({ type: 'mode', mode: 'hybrid' });
    const listedElsewhere = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: { models: [] } } });
    await listedElsewhere.host.handle(init(TINY_MODEL_ID, true));
    await listedElsewhere.host.handle({ type: 'load-model' });
    expect(listedElsewhere.posted.at(-1)).toEqual({ type: 'mode', mode: 'lexical', reason: 'not-listed' });
  });

  it('loads a listed model once, forwards progress, then answers in hybrid mode', async () => {
    const { host, posted, loads } = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED } });
    await host.handle(init(TINY_MODEL_ID));
    await host.handle({ type: 'load-model' });
    await host.handle({ type: 'load-model' });
    expect(loads).toHaveLength(1);
    expect(loads[0]).toMatchObject({ model: TINY_MODEL_ID, modelBase: MODELS });
    expect(posted.slice(1)).toEqual([
      { type: 'progress', loaded: 10, total: 110, file: 'config.json' },
      { type: 'progress', loaded: 110, total: 110, file: 'onnx/model_quantized.onnx' },
      { type: 'mode', mode: 'hybrid' },
      { type: 'mode', mode: 'hybrid' },
    ]);
    await host.handle({ type: 'query', id: 1, text: 'lam lai can cuoc cong dan', lang: 'vi' });
    const answer = posted.at(-1);
    expect(answer).toMatchObject({ type: 'result', id: 1, result: { mode: 'hybrid' } });
    expect(answer?.type === 'result' && answer.result.results[0]?.id).toBe('can-cuoc');
  });

  it('downloads the vectors sidecar next to the corpus only on load-model, and stays lexical with a stale one', async () => {
    const { host, posted, requested } = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED } });
    await host.handle(init(TINY_MODEL_ID));
    await host.handle({ type: 'query', id: 1, text: 'khai sinh', lang: 'vi' });
    expect(requested).toEqual([CORPUS]); // a lexical visitor never fetches the vectors
    await host.handle({ type: 'load-model' });
    expect(requested).toContain(VECTORS);
    expect(posted.at(-1)).toEqual({ type: 'mode', mode: 'hybrid' });

    // A sidecar left from another build (the corpus changed, the vectors were not redeployed).
    const { count, dim } = hybridArtifact.embeddings as { count: number; dim: number };
    const vectors = Array.from({ length: count }, () => new Float32Array(dim).fill(0.5));
    const stale = encodeVectorFile(vectors, { corpusHash: 'ffffffffffffffff', modelId: TINY_MODEL_ID });
    const old = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: stale, [INDEX]: LISTED } });
    await old.host.handle(init(TINY_MODEL_ID));
    await old.host.handle({ type: 'load-model' });
    expect(old.posted.at(-1)).toEqual({ type: 'mode', mode: 'lexical', reason: 'failed' });
    expect(old.infos[0]).toMatch(/the corpus vectors could not be loaded \(.*belongs to corpus .* deploy the corpus and its vectors file together\)/);

    const missing = hostWith({ files: { [CORPUS]: hybridArtifact, [INDEX]: LISTED } });
    await missing.host.handle(init(TINY_MODEL_ID));
    await missing.host.handle({ type: 'load-model' });
    expect(missing.posted.at(-1)).toEqual({ type: 'mode', mode: 'lexical', reason: 'failed' });
    expect(missing.infos[0]).toMatch(/answered HTTP 404/);
  });

  it('answers questions lexically, at once, while the model loads', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { host, posted } = hostWith({
      files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED },
      loader: async () => {
        await gate;
        return tiny;
      },
    });
    await host.handle(init(TINY_MODEL_ID));
    const loading = host.handle({ type: 'load-model' });
    await host.handle({ type: 'query', id: 1, text: 'khai sinh', lang: 'vi' });
    expect(posted.at(-1)).toMatchObject({ type: 'result', id: 1, result: { mode: 'lexical' } });
    release();
    await loading;
    expect(posted.at(-1)).toEqual({ type: 'mode', mode: 'hybrid' });
    await host.handle({ type: 'query', id: 2, text: 'khai sinh', lang: 'vi' });
    expect(posted.at(-1)).toMatchObject({ type: 'result', id: 2, result: { mode: 'hybrid' } });
  });

  it('stays lexical with one console.info when the model cannot load', async () => {
    const { host, posted, infos } = hostWith({
      files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED },
      loader: async () => {
        throw new Error('WebAssembly is blocked');
      },
    });
    await host.handle(init(TINY_MODEL_ID));
    await host.handle({ type: 'load-model' });
    await host.handle({ type: 'load-model' });
    expect(posted.filter((message) => message.type === 'mode')).toEqual([
      { type: 'mode', mode: 'lexical', reason: 'failed' },
      { type: 'mode', mode: 'lexical', reason: 'failed' },
    ]);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/could not be loaded \(WebAssembly is blocked\); answering with lexical search/);
    await host.handle({ type: 'query', id: 1, text: 'khai sinh', lang: 'vi' });
    expect(posted.at(-1)).toMatchObject({ type: 'result', result: { mode: 'lexical' } });
  });

  it('says `unsupported` where it has no model loader (the main-thread fallback)', async () => {
    const { host, posted } = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED }, withLoader: false });
    await host.handle(init(TINY_MODEL_ID));
    await host.handle({ type: 'load-model' });
    expect(posted.at(-1)).toEqual({ type: 'mode', mode: 'lexical', reason: 'unsupported' });
  });

  it('drops the answer to a question cancelled while the model embeds it', async () => {
    let release!: () => void;
    const slow: Embedder = {
      id: TINY_MODEL_ID,
      embed: async (texts) => {
        await new Promise<void>((resolve) => (release = resolve));
        return tiny.embed(texts);
      },
    };
    const { host, posted } = hostWith({ files: { [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED }, loader: async () => slow });
    await host.handle(init(TINY_MODEL_ID));
    await host.handle({ type: 'load-model' });
    const query = host.handle({ type: 'query', id: 5, text: 'khai sinh', lang: 'vi' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await host.handle({ type: 'cancel', id: 5 });
    release();
    await query;
    expect(posted.some((message) => message.type === 'result')).toBe(false);
  });
});

describe('SearchClient and the model', () => {
  /** A Worker stand-in running the real host with a model loader, like the real worker. */
  function environmentWith(files: Record<string, unknown>, sent: EngineRequest[]): ClientEnvironment {
    class FakeWorker implements WorkerLike {
      onmessage: WorkerLike['onmessage'] = null;
      onerror: WorkerLike['onerror'] = null;
      private readonly host = createEngineHost({
        post: (message) => setTimeout(() => this.onmessage?.({ data: structuredClone(message) })),
        fetch: async (url) => respond(files, url),
        loadEmbedder: async (request) => {
          request.onProgress({ loaded: 50, total: 100, file: 'onnx/model_quantized.onnx' });
          return tiny;
        },
        info: () => undefined,
      });
      postMessage(message: EngineRequest): void {
        sent.push(message);
        setTimeout(() => void this.host.handle(structuredClone(message)));
      }
      terminate(): void {}
    }
    return {
      Worker: FakeWorker,
      baseUrl: `${SITE}/thu-tuc/`,
      origin: SITE,
      createObjectURL: () => 'blob:x',
      revokeObjectURL: () => undefined,
      loadHost: () => import('../../../src/search/worker/engine-host.js'),
    };
  }

  it('loads the model only when asked, once, and reports progress and the mode', async () => {
    const sent: EngineRequest[] = [];
    const environment = environmentWith({ [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors, [INDEX]: LISTED }, sent);
    const client = createSearchClient(
      { corpusUrl: CORPUS, workerUrl: `${SITE}/dvc/dvc-assistant.worker.js`, model: TINY_MODEL_ID },
      environment,
    );
    const progress: ModelProgress[] = [];
    const modes: ModeChange[] = [];
    client.onProgress((event) => progress.push(event));
    const unsubscribe = client.onModeChange((change) => modes.push(change));
    await client.ready;
    expect(sent).toEqual([{ type: 'init', corpusUrl: CORPUS, model: TINY_MODEL_ID, modelBase: MODELS, modelBaseExplicit: false }]);
    expect(client.searchMode).toBe('lexical');
    expect((await client.search('khai sinh', { lang: 'vi' })).mode).toBe('lexical');

    const settled = new Promise<void>((resolve) => client.onModeChange(() => resolve()));
    client.loadModel();
    client.loadModel();
    await settled;
    expect(sent.filter((message) => message.type === 'load-model')).toHaveLength(1);
    expect(progress).toEqual([{ loaded: 50, total: 100, file: 'onnx/model_quantized.onnx' }]);
    expect(modes).toEqual([{ mode: 'hybrid' }]);
    expect(client.searchMode).toBe('hybrid');
    expect((await client.search('lam lai can cuoc cong dan', { lang: 'vi' })).mode).toBe('hybrid');
    unsubscribe();
    client.dispose();
    client.loadModel(); // after dispose: nothing, no throw
  });

  it('sends an explicit model base as given, resolved against the page', async () => {
    const sent: EngineRequest[] = [];
    const client = createSearchClient(
      { corpusUrl: CORPUS, workerUrl: `${SITE}/dvc/dvc-assistant.worker.js`, model: TINY_MODEL_ID, modelBase: '/cdn/models' },
      environmentWith({ [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors }, sent),
    );
    await client.ready;
    expect(sent[0]).toMatchObject({ modelBase: `${SITE}/cdn/models/`, modelBaseExplicit: true });
    const settled = new Promise<ModeChange>((resolve) => client.onModeChange(resolve));
    client.loadModel();
    expect(await settled).toEqual({ mode: 'hybrid' }); // no index.json there, but the base is explicit
    client.dispose();
  });

  it('stays lexical on the main thread, where no model runs', async () => {
    const client = createSearchClient(
      { corpusUrl: CORPUS, forceMainThread: true, model: TINY_MODEL_ID },
      {
        ...environmentWith({}, []),
        fetch: async (url) => respond({ [CORPUS]: hybridArtifact, [VECTORS]: hybridVectors }, url === CORPUS || url === VECTORS ? url : INDEX, LISTED),
      },
    );
    await client.ready;
    const settled = new Promise<ModeChange>((resolve) => client.onModeChange(resolve));
    client.loadModel();
    expect(await settled).toEqual({ mode: 'lexical', reason: 'unsupported' });
    client.dispose();
  });
});
