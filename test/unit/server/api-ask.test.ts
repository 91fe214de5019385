// The ask endpoint: idempotency, the honest fallback, and forwarding to an OpenAI-compatible upstream
// (a fake one started here), streamed and not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  askBody,
  parseEventStream,
  postJson,
  queryDb,
  startFakeUpstream,
  startTestServer,
  tempDataDir,
  type FakeUpstream,
  type TestServer,
} from './helpers.js';

let data: ReturnType<typeof tempDataDir>;
let server: TestServer | undefined;
let upstream: FakeUpstream | undefined;

beforeEach(() => {
  data = tempDataDir();
});

afterEach(async () => {
  await server?.close();
  await upstream?.close();
  server = undefined;
  upstream = undefined;
  data.remove();
});

async function withUpstream(): Promise<{ server: TestServer; upstream: FakeUpstream }> {
  upstream = await startFakeUpstream();
  server = await startTestServer(data.dir, { upstream: { url: upstream.url, model: 'test-model', apiKey: 'sk-test', timeoutMs: 5000 } });
  return { server, upstream };
}

const countAsks = (): number => queryDb<{ n: number }>(data.dir, 'SELECT COUNT(*) AS n FROM asks')[0]!.n;

describe('ask idempotency', () => {
  it('returns the same handoffId for the same key and stores one row', async () => {
    server = await startTestServer(data.dir);
    const key = crypto.randomUUID();
    const first = await (await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key })).json();
    const again = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key, Accept: 'text/event-stream' });
    const events = parseEventStream(await again.text());
    expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
    expect(events[1]!.data).toEqual(first);
    expect(countAsks()).toBe(1);
    const other = await (await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID() })).json();
    expect(other.handoffId).not.toBe(first.handoffId);
    expect(countAsks()).toBe(2);
  });

  it('answers 409 with Retry-After while the first request with the key is still running', async () => {
    const { server, upstream } = await withUpstream();
    upstream.mode = 'hold';
    const key = crypto.randomUUID();
    const first = postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key });
    await expect.poll(() => upstream.requests.length).toBe(1);
    const second = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key });
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await second.json()).error.code).toBe('in-progress');
    upstream.release();
    const done = await (await first).json();
    const third = await (await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key })).json();
    expect(third.handoffId).toBe(done.handoffId);
    expect(upstream.requests).toHaveLength(1);
    expect(countAsks()).toBe(1);
  });

  it('refuses the same key with another question (422) instead of replaying the wrong answer', async () => {
    server = await startTestServer(data.dir);
    const key = crypto.randomUUID();
    await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key });
    const res = await postJson(`${server.api}/ask`, askBody({ question: 'Một câu khác' }), { 'Idempotency-Key': key });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('idempotency-key-reused');
  });

  it('runs a failed ask again under the same handoffId when the client retries with its key', async () => {
    const { server, upstream } = await withUpstream();
    upstream.mode = 'fail';
    const key = crypto.randomUUID();
    const failed = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key });
    expect(failed.status).toBe(502);
    expect((await failed.json()).error).toEqual({ code: 'upstream-unavailable', message: expect.any(String) });
    const [row] = queryDb<{ handoff_id: string; state: string }>(data.dir, 'SELECT handoff_id, state FROM asks');
    expect(row!.state).toBe('failed');
    expect(server.logs.join('\n')).toMatch(/HTTP 503/);

    upstream.mode = 'json';
    const retried = await (await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key })).json();
    expect(retried.handoffId).toBe(row!.handoff_id);
    expect(countAsks()).toBe(1);
  });

  it('marks the ask failed when the client drops the stream, so its retry runs again', async () => {
    const { server, upstream } = await withUpstream();
    upstream.mode = 'hold';
    const key = crypto.randomUUID();
    const controller = new AbortController();
    const res = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key, Accept: 'text/event-stream' }, controller.signal);
    expect(res.status).toBe(200);
    await expect.poll(() => upstream.requests.length).toBe(1);
    controller.abort();
    await expect.poll(() => queryDb<{ state: string }>(data.dir, 'SELECT state FROM asks')[0]!.state).toBe('failed');
    upstream.release();
    upstream.mode = 'stream';
    const retried = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key, Accept: 'text/event-stream' });
    expect(parseEventStream(await retried.text()).at(-1)!.event).toBe('done');
    expect(upstream.requests).toHaveLength(2);
    expect(countAsks()).toBe(1);
  });

  it('requires a well-formed Idempotency-Key', async () => {
    server = await startTestServer(data.dir);
    const missing = await postJson(`${server.api}/ask`, askBody());
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe('missing-idempotency-key');
    const bad = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': 'has space' });
    expect((await bad.json()).error.code).toBe('invalid-idempotency-key');
    expect(countAsks()).toBe(0);
  });
});

describe('ask without an upstream: the honest fallback', () => {
  it('says in Vietnamese that the question was recorded, gives verified contacts and records a content gap', async () => {
    server = await startTestServer(data.dir);
    const reply = await (await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID() })).json();
    expect(reply.answer).toContain('Câu hỏi của bạn đã được ghi lại');
    expect(reply.answer).toContain('024.1022');
    expect(reply.answer).toContain('dichvucong.gov.vn');
    const [row] = queryDb<{ responder: string; gap_key: string }>(data.dir, 'SELECT responder, gap_key FROM asks');
    expect(row).toEqual({ responder: 'fallback', gap_key: 'làm lại căn cước ở đâu' });
  });

  it('answers in English when lang is en', async () => {
    server = await startTestServer(data.dir);
    const reply = await (await postJson(`${server.api}/ask`, askBody({ lang: 'en' }), { 'Idempotency-Key': crypto.randomUUID() })).json();
    expect(reply.answer).toMatch(/^Sorry, there is no reliable answer/);
    expect(reply.answer).toContain('1900 1009');
  });

  it('stores the question with ID and phone numbers masked, even if the client did not redact it', async () => {
    server = await startTestServer(data.dir);
    const question = 'CCCD 001099012345 của tôi, gọi 0912 345 678, hồ sơ H01.99-260101-0001';
    await postJson(`${server.api}/ask`, askBody({ question }), { 'Idempotency-Key': crypto.randomUUID() });
    const [row] = queryDb<{ question: string }>(data.dir, 'SELECT question FROM asks');
    expect(row!.question).toBe('CCCD [số] của tôi, gọi [số], hồ sơ H01.99-260101-0001');
  });
});

describe('ask forwarded to an OpenAI-compatible upstream', () => {
  it('sends the page, candidates, history and question, and returns the JSON answer', async () => {
    const { server, upstream } = await withUpstream();
    const body = askBody({ history: [{ role: 'user', text: 'Xin chào' }, { role: 'assistant', text: 'Chào bạn' }] });
    const reply = await (await postJson(`${server.api}/ask`, body, { 'Idempotency-Key': crypto.randomUUID() })).json();
    expect(reply).toEqual({ answer: 'Bạn mang căn cước cũ đến Công an phường.', sources: [], actions: [], handoffId: expect.any(String) });
    const [request] = upstream.requests;
    expect(request!.authorization).toBe('Bearer sk-test');
    expect(request!.body.model).toBe('test-model');
    expect(request!.body.stream).toBe(false);
    const messages = request!.body.messages;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toContain('Thủ tục (http://127.0.0.1/thu-tuc)');
    expect(messages[0]!.content).toContain('"Cấp đổi thẻ căn cước"');
    expect(messages.at(-1)!.content).toBe('Làm lại căn cước ở đâu?');
    expect(queryDb<{ responder: string; gap_key: string | null }>(data.dir, 'SELECT responder, gap_key FROM asks')).toEqual([
      { responder: 'upstream', gap_key: null },
    ]);
  });

  it('streams the upstream pieces as delta events, in order, then done', async () => {
    const { server, upstream } = await withUpstream();
    const res = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID(), Accept: 'text/event-stream' });
    const events = parseEventStream(await res.text());
    expect(upstream.requests[0]!.body.stream).toBe(true);
    expect(events.slice(0, -1)).toEqual(upstream.pieces.map((text) => ({ event: 'delta', data: { text } })));
    expect(events.at(-1)).toEqual({
      event: 'done',
      data: { answer: upstream.pieces.join(''), sources: [], actions: [], handoffId: expect.any(String) },
    });
  });

  it('ends the stream with an error event when the upstream fails', async () => {
    const { server, upstream } = await withUpstream();
    upstream.mode = 'fail';
    const res = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID(), Accept: 'text/event-stream' });
    expect(res.status).toBe(200);
    expect(parseEventStream(await res.text())).toEqual([
      { event: 'error', data: { code: 'upstream-unavailable', message: expect.any(String) } },
    ]);
  });

  it('gives up on an upstream that does not answer within its timeout', async () => {
    upstream = await startFakeUpstream();
    upstream.mode = 'hold';
    server = await startTestServer(data.dir, { upstream: { url: `${upstream.url}/chat/completions`, model: 'm', timeoutMs: 150 } });
    const res = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID() });
    expect(res.status).toBe(502);
    expect(upstream.requests).toHaveLength(1); // the full …/chat/completions URL was used as is
    upstream.release();
  });

  it('reports an unreachable upstream as upstream-unavailable', async () => {
    const { server, upstream } = await withUpstream();
    await upstream.close();
    const res = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID() });
    expect(res.status).toBe(502);
    expect(server.logs.join('\n')).toMatch(/cannot reach/);
    // afterEach closes it again: make that a no-op.
    (upstream as { close: () => Promise<void> }).close = async () => undefined;
  });
});
