import { describe, expect, it } from 'vitest';
import { dvcAdapter, openAiAdapter } from '../../../src/handoff/adapters.js';
import { askCentral, type AskOptions } from '../../../src/handoff/client.js';
import type { AskBody } from '../../../src/handoff/contract.js';
import { HandoffError } from '../../../src/errors.js';
import { json, scripted, sse, type Reply } from './fake-fetch.js';

const body: AskBody = {
  sessionId: 's-1',
  question: 'Giá vàng hôm nay?',
  lang: 'vi',
  page: { url: 'http://x/', title: 'Trang chủ' },
  candidates: [{ id: 'khai-sinh', title: 'Đăng ký khai sinh', score: 0.2 }],
  history: [],
};
const done = { answer: 'Xin chào bạn', sources: [{ title: 'Cổng', url: 'https://dichvucong.gov.vn' }], actions: [], handoffId: 'h-1' };

function run(replies: Reply[], options: Partial<AskOptions> = {}) {
  const { fetch, calls } = scripted(replies);
  const waits: number[] = [];
  const texts: string[] = [];
  const promise = askCentral({
    base: 'https://api.example',
    adapter: dvcAdapter,
    body,
    key: 'key-1',
    stream: true,
    fetch,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onText: (t) => texts.push(t),
    ...options,
  });
  return { promise, calls, waits, texts };
}

describe('the central API client', () => {
  it('streams the text as it arrives and returns the done event', async () => {
    const { promise, texts, calls } = run([sse([['delta', { text: 'Xin ' }], ['delta', { text: 'chào bạn' }], ['done', done]])]);
    expect(await promise).toEqual(done);
    expect(texts).toEqual(['Xin ', 'Xin chào bạn', 'Xin chào bạn']);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(calls[0]!.url).toBe('https://api.example/v1/ask');
    expect(headers.Accept).toBe('text/event-stream');
    expect(headers['Idempotency-Key']).toBe('key-1');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(body);
  });

  it('reads a JSON reply', async () => {
    const { promise, calls } = run([json(done)], { stream: false });
    expect(await promise).toEqual(done);
    expect((calls[0]!.init.headers as Record<string, string>).Accept).toBe('application/json');
  });

  it('retries 503, 429 and network errors with backoff, always with the same idempotency key', async () => {
    const { promise, calls, waits } = run([json({ error: { code: 'down', message: '' } }, 503), new TypeError('Failed to fetch'), json({}, 429, { 'Retry-After': '2' }), json(done)], {
      stream: false,
    });
    expect(await promise).toEqual(done);
    expect(calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key'])).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
    expect(waits).toEqual([300, 600, 2000]); // full jitter at 0.5, then Retry-After wins
  });

  it('gives up after the bounded number of tries with a retryable error', async () => {
    const { promise, calls } = run([json({}, 502), json({}, 502), json({}, 502), json({}, 502), json(done)], { stream: false });
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffError);
    expect((error as HandoffError).retryable).toBe(true);
    expect((error as HandoffError).status).toBe(502);
    expect(calls).toHaveLength(4);
  });

  it('does not retry a 400 and says why', async () => {
    const { promise, calls } = run([json({ error: { code: 'bad-request', message: 'question is empty' } }, 400)], { stream: false });
    await expect(promise).rejects.toThrow(/answered 400: bad-request question is empty/);
    await expect(promise).rejects.toMatchObject({ retryable: false });
    expect(calls).toHaveLength(1);
  });

  it('does not retry a network error while the device is offline', async () => {
    const { promise, calls } = run([new TypeError('Failed to fetch'), json(done)], { online: () => false });
    await expect(promise).rejects.toMatchObject({ code: 'offline', retryable: true });
    expect(calls).toHaveLength(1);
  });

  it('times out a server that never answers, then retries', async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const { promise, calls } = run([hang, json(done)], { stream: false, timeoutMs: 20 });
    expect(await promise).toEqual(done);
    expect(calls).toHaveLength(2);
  });

  it('retries a stream cut before "done" and starts the text again', async () => {
    const { promise, texts } = run([sse([['delta', { text: 'Xin ' }]]), sse([['delta', { text: 'Xin chào bạn' }], ['done', done]])]);
    expect(await promise).toEqual(done);
    expect(texts).toEqual(['Xin ', 'Xin chào bạn', 'Xin chào bạn']);
  });

  it('reports a server error event, retrying only transient ones', async () => {
    const first = run([sse([['error', { code: 'unavailable', message: 'bận' }]]), sse([['done', done]])]);
    expect(await first.promise).toEqual(done);
    const second = run([sse([['error', { code: 'policy', message: 'từ chối' }]])]);
    await expect(second.promise).rejects.toMatchObject({ code: 'server', retryable: false });
  });

  it('stops at once when aborted, without retrying', async () => {
    const controller = new AbortController();
    const hang = (init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const { promise, calls } = run([hang, json(done)], { signal: controller.signal });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ code: 'aborted' });
    expect(calls).toHaveLength(1);
  });

  it('rejects a reply without an answer as a protocol error', async () => {
    const { promise } = run([json({ text: 'x' })], { stream: false });
    await expect(promise).rejects.toThrow(/no "answer" string/);
  });
});

describe('the OpenAI-compatible adapter', () => {
  it('posts chat messages with the FAQ context and streams choices deltas until [DONE]', async () => {
    const stream = new Response(
      'data: {"id":"c1","choices":[{"delta":{"content":"Xin "}}]}\n\ndata: {"choices":[{"delta":{"content":"chào"}}]}\n\ndata: [DONE]\n\n',
      { headers: { 'Content-Type': 'text/event-stream' } },
    );
    const { promise, calls, texts } = run([stream], { adapter: openAiAdapter, body: { ...body, history: [{ role: 'user', text: 'trước' }] } });
    expect((await promise).answer).toBe('Xin chào');
    expect(texts.at(-1)).toBe('Xin chào');
    expect(calls[0]!.url).toBe('https://api.example/chat/completions');
    expect((calls[0]!.init.headers as Record<string, string>)['Idempotency-Key']).toBeUndefined();
    const sent = JSON.parse(String(calls[0]!.init.body));
    expect(sent.stream).toBe(true);
    expect(sent.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'user']);
    expect(sent.messages[0].content).toContain('Đăng ký khai sinh');
    expect(sent.messages[2].content).toBe(body.question);
  });

  it('reads a whole chat-completions reply', async () => {
    const { promise } = run([json({ id: 'c2', choices: [{ message: { content: 'Trả lời' } }] })], { adapter: openAiAdapter, stream: false });
    expect(await promise).toEqual({ answer: 'Trả lời', sources: [], actions: [], handoffId: 'c2' });
  });
});
