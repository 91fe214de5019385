import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DvcError } from '../../../src/errors.js';
import { createSearchClient, type ClientEnvironment, type WorkerLike } from '../../../src/search/client.js';
import type { CorpusArtifact } from '../../../src/search/core/types.js';
import { createEngineHost, type CorpusResponse } from '../../../src/search/worker/engine-host.js';
import type { EngineRequest } from '../../../src/search/worker/protocol.js';
import { fixtureArtifact } from './fixture.js';

const PAGE = 'https://phuong.example.gov.vn/thu-tuc/khai-sinh.html';
const ORIGIN = 'https://phuong.example.gov.vn';
const CORPUS = 'https://phuong.example.gov.vn/thu-tuc/corpus.json';

let artifact: CorpusArtifact;
beforeAll(async () => {
  artifact = await fixtureArtifact();
});

type Behaviour = 'works' | 'throws' | 'fails-to-load';

/** A browser stand-in: a Worker class running the real engine host, and a recorder of what happened. */
function browser(behaviour: Behaviour = 'works', files: Record<string, unknown> = { [CORPUS]: artifact }) {
  const fetch = async (url: string): Promise<CorpusResponse> =>
    url in files
      ? { ok: true, status: 200, json: async () => structuredClone(files[url]), arrayBuffer: async () => new ArrayBuffer(0) }
      : { ok: false, status: 404, json: async () => ({}), arrayBuffer: async () => new ArrayBuffer(0) };
  const log = {
    workers: [] as FakeWorker[],
    blobs: [] as Blob[],
    revoked: [] as string[],
    hostLoads: 0,
    /** While true, the worker keeps its answers (a slow search). */
    holdAnswers: false,
  };

  class FakeWorker implements WorkerLike {
    onmessage: WorkerLike['onmessage'] = null;
    onerror: WorkerLike['onerror'] = null;
    terminated = false;
    readonly sent: EngineRequest[] = [];
    private readonly host = createEngineHost({
      post: (message) => {
        if (!log.holdAnswers) setTimeout(() => this.onmessage?.({ data: structuredClone(message) }));
      },
      fetch,
    });

    constructor(
      readonly url: string,
      readonly options: { type: 'module' },
    ) {
      if (behaviour === 'throws') throw new DOMException('Refused by worker-src', 'SecurityError');
      log.workers.push(this);
      if (behaviour === 'fails-to-load') setTimeout(() => this.onerror?.({ message: 'Failed to load worker script' }));
    }

    postMessage(message: EngineRequest): void {
      this.sent.push(message);
      if (behaviour === 'works') setTimeout(() => void this.host.handle(structuredClone(message)));
    }

    terminate(): void {
      this.terminated = true;
    }
  }

  const environment: ClientEnvironment = {
    Worker: FakeWorker,
    baseUrl: PAGE,
    origin: ORIGIN,
    createObjectURL: (blob) => {
      log.blobs.push(blob);
      return `blob:${ORIGIN}/${log.blobs.length}`;
    },
    revokeObjectURL: (url) => log.revoked.push(url),
    loadHost: async () => {
      log.hostLoads++;
      return import('../../../src/search/worker/engine-host.js');
    },
    fetch,
  };
  return { environment, log };
}

describe('createSearchClient', () => {
  it('starts a module worker for a same-origin worker URL and resolves relative URLs against the page', async () => {
    const { environment, log } = browser();
    const client = createSearchClient({ corpusUrl: 'corpus.json', workerUrl: '/assets/dvc-assistant.worker.js' }, environment);
    expect(client.mode).toBe('worker');
    const info = await client.ready;
    expect(info).toMatchObject({ entries: 10, langs: ['vi', 'en'], modelId: null });
    const [worker] = log.workers;
    expect(worker).toMatchObject({ url: `${ORIGIN}/assets/dvc-assistant.worker.js`, options: { type: 'module' } });
    expect(worker!.sent[0]).toEqual({
      type: 'init',
      corpusUrl: CORPUS,
      model: 'Xenova/multilingual-e5-small',
      modelBase: `${ORIGIN}/assets/models/`,
      modelBaseExplicit: false,
    });
    const result = await client.search('lam lai cccd', { lang: 'vi' });
    expect(result.results[0]?.id).toBe('can-cuoc');
    expect(log.blobs).toEqual([]);
  });

  it('boots a cross-origin worker through a blob module, and revokes it on dispose', async () => {
    const { environment, log } = browser();
    const workerUrl = 'https://cdn.example.gov.vn/dvc-assistant/dvc-assistant.worker.js';
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl }, environment);
    await client.ready;
    expect(log.workers[0]?.url).toBe(`blob:${ORIGIN}/1`);
    expect(await log.blobs[0]!.text()).toBe(`import ${JSON.stringify(workerUrl)};`);
    expect(log.blobs[0]!.type).toBe('text/javascript');
    client.dispose();
    expect(log.workers[0]?.terminated).toBe(true);
    expect(log.revoked).toEqual([`blob:${ORIGIN}/1`]);
  });

  it('falls back to the main thread when the worker cannot be constructed (CSP worker-src)', async () => {
    const { environment, log } = browser('throws');
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: 'https://cdn.example.gov.vn/w.js' }, environment);
    await client.ready;
    expect(client.mode).toBe('main-thread');
    expect(log.hostLoads).toBe(1);
    expect(log.revoked).toEqual([`blob:${ORIGIN}/1`]);
    expect((await client.search('đổi gplx', { lang: 'vi' })).results[0]?.id).toBe('doi-gplx');
  });

  it('falls back to the main thread when the worker fails before it is ready', async () => {
    const { environment, log } = browser('fails-to-load');
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/dvc-assistant.worker.js' }, environment);
    expect(client.mode).toBe('worker');
    await client.ready;
    expect(client.mode).toBe('main-thread');
    expect(log.workers[0]?.terminated).toBe(true);
    expect((await client.search('tra cứu hồ sơ', { lang: 'vi' })).decision).toBe('answer');
  });

  it('runs on the main thread when asked, or without a worker URL', async () => {
    for (const options of [{ corpusUrl: CORPUS, workerUrl: '/w.js', forceMainThread: true }, { corpusUrl: CORPUS }]) {
      const { environment, log } = browser();
      const client = createSearchClient(options, environment);
      await client.ready;
      expect(client.mode).toBe('main-thread');
      expect(log.workers).toEqual([]);
    }
  });

  it('looks entries up', async () => {
    const { environment } = browser();
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/w.js' }, environment);
    expect((await client.entry('khai-sinh', 'en'))?.title).toBe('Registering a birth online');
    expect(await client.entry('khong-co', 'vi')).toBeNull();
  });

  it('numbers requests upwards and passes limit and threshold', async () => {
    const { environment, log } = browser();
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/w.js' }, environment);
    await client.search('khai sinh', { lang: 'vi', limit: 3 });
    await client.search('tra cứu hồ sơ', { lang: 'vi', threshold: 0.99 });
    const queries = log.workers[0]!.sent.filter((message) => message.type === 'query');
    expect(queries).toEqual([
      { type: 'query', id: 1, text: 'khai sinh', lang: 'vi', limit: 3 },
      { type: 'query', id: 2, text: 'tra cứu hồ sơ', lang: 'vi', threshold: 0.99 },
    ]);
  });

  it('rejects an aborted search with an AbortError and tells the engine to cancel it', async () => {
    const { environment, log } = browser();
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/w.js' }, environment);
    await client.ready;
    const first = new AbortController();
    log.holdAnswers = true;
    const outdated = client.search('khai sinh', { lang: 'vi', signal: first.signal });
    await vi.waitFor(() => expect(log.workers[0]!.sent).toContainEqual(expect.objectContaining({ type: 'query', id: 1 })));
    first.abort();
    log.holdAnswers = false;
    const latest = client.search('tam tru', { lang: 'vi', signal: new AbortController().signal });
    await expect(outdated).rejects.toMatchObject({ name: 'AbortError' });
    expect((await latest).results[0]?.id).toBe('tam-tru');
    expect(log.workers[0]!.sent).toContainEqual({ type: 'cancel', id: 1 });

    const aborted = AbortSignal.abort();
    await expect(client.search('khai sinh', { lang: 'vi', signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects ready and searches with the engine message when the corpus cannot load', async () => {
    const { environment } = browser('works', {});
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/w.js' }, environment);
    const message = `dvc/search: the corpus at ${CORPUS} answered HTTP 404`;
    await expect(client.ready).rejects.toThrow(message);
    await expect(client.ready).rejects.toBeInstanceOf(DvcError);
    await expect(client.search('khai sinh', { lang: 'vi' })).rejects.toThrow(message);
    expect(client.mode).toBe('worker');
  });

  it('rejects pending and later requests once disposed', async () => {
    const { environment, log } = browser();
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/w.js' }, environment);
    await client.ready;
    log.holdAnswers = true;
    const pending = client.search('khai sinh', { lang: 'vi' });
    await vi.waitFor(() => expect(log.workers[0]!.sent).toContainEqual(expect.objectContaining({ type: 'query' })));
    client.dispose();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(client.search('khai sinh', { lang: 'vi' })).rejects.toThrow('dvc/search: the search client is disposed');
    expect(log.workers[0]?.terminated).toBe(true);
  });

  it('rejects ready when disposed while starting', async () => {
    const { environment } = browser();
    const client = createSearchClient({ corpusUrl: CORPUS, workerUrl: '/w.js' }, environment);
    client.dispose();
    await expect(client.ready).rejects.toMatchObject({ name: 'AbortError' });
  });
});
