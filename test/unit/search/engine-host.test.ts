import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusArtifact } from '../../../src/search/core/types.js';
import { createEngineHost, type CorpusResponse } from '../../../src/search/worker/engine-host.js';
import type { EngineResponse } from '../../../src/search/worker/protocol.js';
import { fixtureArtifact } from './fixture.js';

let artifact: CorpusArtifact;
beforeAll(async () => {
  artifact = await fixtureArtifact();
});

/** A host whose downloads come from a table, with the messages it posts. */
function hostWith(files: Record<string, unknown>, { delay }: { delay?: Promise<void> } = {}) {
  const posted: EngineResponse[] = [];
  const requested: string[] = [];
  const fetch = async (url: string): Promise<CorpusResponse> => {
    requested.push(url);
    await delay;
    if (!(url in files)) return { ok: false, status: 404, json: async () => ({}), arrayBuffer: async () => new ArrayBuffer(0) };
    const body = files[url];
    return {
      ok: true,
      status: 200,
      json: async () => (typeof body === 'string' ? (JSON.parse(body) as unknown) : body),
      arrayBuffer: async () => new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)).buffer,
    };
  };
  const host = createEngineHost({ post: (message) => posted.push(message), fetch });
  return { host, posted, requested };
}

const URL_OK = 'https://assets.example.gov.vn/dvc-assistant/corpus.json';

describe('engine host', () => {
  it('loads the corpus on init and says ready with the engine info', async () => {
    const { host, posted, requested } = hostWith({ [URL_OK]: artifact });
    await host.handle({ type: 'init', corpusUrl: URL_OK });
    expect(requested).toEqual([URL_OK]);
    expect(posted).toEqual([
      { type: 'ready', info: { format: artifact.format, corpusHash: artifact.corpusHash, modelId: null, entries: 10, langs: ['vi', 'en'] } },
    ]);
  });

  it('answers queries and entry requests with their ids', async () => {
    const { host, posted } = hostWith({ [URL_OK]: artifact });
    await host.handle({ type: 'init', corpusUrl: URL_OK });
    await host.handle({ type: 'query', id: 1, text: 'lam lai cccd', lang: 'vi', limit: 2 });
    await host.handle({ type: 'entry', id: 2, entryId: 'can-cuoc', lang: 'en' });
    await host.handle({ type: 'entry', id: 3, entryId: 'khong-co', lang: 'vi' });
    const [, result, found, missing] = posted;
    expect(result).toMatchObject({ type: 'result', id: 1, result: { decision: 'answer', mode: 'lexical' } });
    expect(result?.type === 'result' && result.result.results).toHaveLength(2);
    expect(found).toMatchObject({ type: 'entry', id: 2, entry: { id: 'can-cuoc', lang: 'en' } });
    expect(missing).toEqual({ type: 'entry', id: 3, entry: null });
  });

  it('passes the threshold override to the gate', async () => {
    const { host, posted } = hostWith({ [URL_OK]: artifact });
    await host.handle({ type: 'init', corpusUrl: URL_OK });
    await host.handle({ type: 'query', id: 7, text: 'tra cứu hồ sơ', lang: 'vi', threshold: 0.99 });
    expect(posted[1]).toMatchObject({ type: 'result', id: 7, result: { decision: 'suggest' } });
  });

  it('queues queries sent while the corpus loads and drops the ones cancelled meanwhile', async () => {
    let release!: () => void;
    const delay = new Promise<void>((resolve) => (release = resolve));
    const { host, posted } = hostWith({ [URL_OK]: artifact }, { delay });
    const init = host.handle({ type: 'init', corpusUrl: URL_OK });
    const kept = host.handle({ type: 'query', id: 1, text: 'khai sinh', lang: 'vi' });
    const dropped = host.handle({ type: 'query', id: 2, text: 'tam tru', lang: 'vi' });
    await host.handle({ type: 'cancel', id: 2 });
    release();
    await Promise.all([init, kept, dropped]);
    expect(posted.map((message) => message.type)).toEqual(['ready', 'result']);
    expect(posted[1]).toMatchObject({ type: 'result', id: 1 });
  });

  it('ignores a cancel for a request already answered', async () => {
    const { host, posted } = hostWith({ [URL_OK]: artifact });
    await host.handle({ type: 'init', corpusUrl: URL_OK });
    await host.handle({ type: 'query', id: 1, text: 'khai sinh', lang: 'vi' });
    await host.handle({ type: 'cancel', id: 1 });
    await host.handle({ type: 'query', id: 2, text: 'khai sinh', lang: 'vi' });
    expect(posted.map((message) => message.type)).toEqual(['ready', 'result', 'result']);
  });

  it('reports a corpus that cannot be downloaded, then fails its queries with the same message', async () => {
    const { host, posted } = hostWith({});
    await host.handle({ type: 'init', corpusUrl: URL_OK });
    await host.handle({ type: 'query', id: 4, text: 'khai sinh', lang: 'vi' });
    const message = `dvc/search: the corpus at ${URL_OK} answered HTTP 404`;
    expect(posted).toEqual([
      { type: 'error', message },
      { type: 'error', id: 4, message },
    ]);
  });

  it('reports a corpus of another format clearly', async () => {
    const { host, posted } = hostWith({ [URL_OK]: { ...artifact, format: 999 } });
    await host.handle({ type: 'init', corpusUrl: URL_OK });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'error', message: expect.stringContaining('corpus artifact format 999 is not supported') });
    expect(posted[0]).not.toHaveProperty('id');
  });

  it('reports a corpus that is not JSON and a download that throws', async () => {
    const notJson = hostWith({ [URL_OK]: '<!doctype html>' });
    await notJson.host.handle({ type: 'init', corpusUrl: URL_OK });
    expect(notJson.posted).toEqual([{ type: 'error', message: `dvc/search: the corpus at ${URL_OK} is not JSON` }]);

    const posted: EngineResponse[] = [];
    const offline = createEngineHost({
      post: (message) => posted.push(message),
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await offline.handle({ type: 'init', corpusUrl: URL_OK });
    expect(posted).toEqual([{ type: 'error', message: `dvc/search: cannot download the corpus from ${URL_OK}` }]);
  });

  it('answers requests before init and unknown messages with errors', async () => {
    const { host, posted } = hostWith({});
    await host.handle({ type: 'query', id: 1, text: 'khai sinh', lang: 'vi' });
    await host.handle({ type: 'query', id: 2, text: 'khai sinh', lang: 'fr' });
    await host.handle({ type: 'shutdown' });
    await host.handle(null);
    expect(posted).toEqual([
      { type: 'error', id: 1, message: 'dvc/search: the engine has no corpus yet (send init first)' },
      { type: 'error', id: 2, message: 'dvc/search: unknown message' },
      { type: 'error', message: 'dvc/search: unknown message' },
      { type: 'error', message: 'dvc/search: unknown message' },
    ]);
  });
});
