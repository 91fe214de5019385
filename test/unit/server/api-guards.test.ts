// What the API refuses, and how: malformed input, oversized bodies, floods, missing staff token, foreign origins.
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askBody, postJson, queryDb, startTestServer, STAFF_TOKEN, tempDataDir, type TestServer } from './helpers.js';

let data: ReturnType<typeof tempDataDir>;
let server: TestServer | undefined;

beforeEach(() => {
  data = tempDataDir();
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  data.remove();
});

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  return { status: res.status, ...body.error };
}

describe('malformed input', () => {
  it('answers 400 invalid-json for a body that is not JSON', async () => {
    server = await startTestServer(data.dir);
    const res = await postJson(`${server.api}/feedback`, '{"sessionId": ');
    expect(await errorOf(res)).toMatchObject({ status: 400, code: 'invalid-json' });
  });

  it.each([
    ['a missing question', askBody({ question: undefined }), 'body.question: expected a string, got nothing'],
    ['an unknown language', askBody({ lang: 'fr' }), 'body.lang: expected "vi" or "en", got "fr"'],
    ['a bad history role', askBody({ history: [{ role: 'system', text: 'x' }] }), 'body.history[0].role'],
    ['more than six history turns', askBody({ history: Array.from({ length: 7 }, () => ({ role: 'user', text: 'x' })) }), 'body.history: expected at most 6 items'],
    ['a page without url', askBody({ page: { title: 'x' } }), 'body.page.url'],
    ['a candidate without score', askBody({ candidates: [{ id: 'a', title: 'b' }] }), 'body.candidates[0].score'],
  ])('answers 400 naming the field for %s', async (_name, body, message) => {
    server = await startTestServer(data.dir);
    const res = await postJson(`${server!.api}/ask`, body, { 'Idempotency-Key': crypto.randomUUID() });
    const error = await errorOf(res);
    expect(error).toMatchObject({ status: 400, code: 'invalid-request' });
    expect(error.message).toContain(message);
  });

  it.each([
    ['an unknown kind', { sessionId: 's', targetId: 't', kind: 'meh' }, 'body.kind'],
    ['csat without rating', { sessionId: 's', targetId: 't', kind: 'csat' }, 'body.rating: required'],
    ['a rating of 6', { sessionId: 's', targetId: 't', kind: 'csat', rating: 6 }, 'an integer from 1 to 5'],
    ['a rating on a thumbs up', { sessionId: 's', targetId: 't', kind: 'up', rating: 3 }, 'only allowed when kind is "csat"'],
  ])('refuses feedback with %s', async (_name, body, message) => {
    server = await startTestServer(data.dir);
    const error = await errorOf(await postJson(`${server!.api}/feedback`, body));
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it('refuses a whole events batch when one event is bad or carries question text', async () => {
    server = await startTestServer(data.dir);
    const good = { type: 'open', ts: Date.now(), sessionId: 's', lang: 'vi', path: '/' };
    const badType = await errorOf(await postJson(`${server.api}/events`, [good, { ...good, type: 'click' }]));
    expect(badType.message).toContain('body[1].type');
    const withText = await errorOf(await postJson(`${server.api}/events`, [{ ...good, question: 'CCCD của tôi' }]));
    expect(withText.message).toContain('body[0].question: events must not carry');
    const notArray = await errorOf(await postJson(`${server.api}/events`, good));
    expect(notArray.message).toContain('body: expected an array');
    expect(queryDb<{ n: number }>(data.dir, 'SELECT COUNT(*) AS n FROM events')[0]!.n).toBe(0);
  });

  it('answers 415 for a form-encoded ask', async () => {
    server = await startTestServer(data.dir);
    const res = await fetch(`${server.api}/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'k' },
      body: 'question=x',
    });
    expect(await errorOf(res)).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('answers 404 for an unknown endpoint and 405 with Allow for a wrong method', async () => {
    server = await startTestServer(data.dir);
    expect(await errorOf(await fetch(`${server.api}/nothing`))).toMatchObject({ status: 404, code: 'not-found' });
    const wrong = await fetch(`${server.api}/ask`);
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await errorOf(wrong)).toMatchObject({ status: 405, code: 'method-not-allowed' });
  });
});

describe('body size', () => {
  it('answers 413 for a body over 64 KB and stores nothing', async () => {
    server = await startTestServer(data.dir);
    const big = askBody({ question: 'x'.repeat(65 * 1024) });
    const res = await postJson(`${server.api}/ask`, big, { 'Idempotency-Key': crypto.randomUUID() });
    expect(await errorOf(res)).toMatchObject({ status: 413, code: 'payload-too-large' });
    const events = Array.from({ length: 100 }, () => ({ type: 'open', ts: Date.now(), sessionId: 's', lang: 'vi', path: `/${'p'.repeat(700)}` }));
    expect((await postJson(`${server.api}/events`, events)).status).toBe(413);
    expect(queryDb<{ n: number }>(data.dir, 'SELECT (SELECT COUNT(*) FROM asks) + (SELECT COUNT(*) FROM events) AS n')[0]!.n).toBe(0);
  });

  it('answers 413 from Content-Length alone for a huge upload, without reading it', async () => {
    server = await startTestServer(data.dir);
    const url = new URL(`${server.api}/feedback`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"sessionId":"');
    });
    expect(status).toBe(413);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client used its budget, but never limits health', async () => {
    server = await startTestServer(data.dir, { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.api}/dossiers/H01.99-260101-0001`)).status).toBe(200);
    const limited = await fetch(`${server.api}/dossiers/H01.99-260101-0001`);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(await errorOf(limited)).toMatchObject({ status: 429, code: 'rate-limited' });
    expect((await fetch(`${server.api}/health`)).status).toBe(200);
  });
});

describe('staff token', () => {
  it('answers 401 with WWW-Authenticate without the bearer token or with a wrong one', async () => {
    server = await startTestServer(data.dir);
    const none = await fetch(`${server.api}/stats`);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await errorOf(none)).toMatchObject({ status: 401, code: 'unauthorized' });
    const wrong = await fetch(`${server.api}/stats`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${server.api}/stats`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } })).status).toBe(200);
  });

  it('generates a token when none is configured and keeps it across restarts of the same data folder', async () => {
    server = await startTestServer(data.dir, { staffToken: undefined });
    expect(server.staffTokenGenerated).toBe(true);
    const token = server.staffToken;
    expect(token.length).toBeGreaterThanOrEqual(32);
    await server.close();
    server = await startTestServer(data.dir, { staffToken: undefined });
    expect(server.staffToken).toBe(token);
    expect((await fetch(`${server.api}/stats`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    const elsewhere = tempDataDir();
    const other = await startTestServer(elsewhere.dir, { staffToken: undefined });
    expect(other.staffToken).not.toBe(token);
    await other.close();
    elsewhere.remove();
  });

  it('answers 400 for a since that is not a date', async () => {
    server = await startTestServer(data.dir);
    const res = await fetch(`${server.api}/stats?since=yesterday`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: 'invalid-request' });
  });
});

describe('CORS allow-list', () => {
  const partner = 'https://dvc.partner.gov.vn';

  it('answers a preflight of an allowed origin with the contract headers', async () => {
    server = await startTestServer(data.dir, { allowedOrigins: [partner] });
    const res = await fetch(`${server.api}/ask`, {
      method: 'OPTIONS',
      headers: { Origin: partner, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(partner);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Content-Type, Idempotency-Key/);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read replies and Retry-After', async () => {
    server = await startTestServer(data.dir, { allowedOrigins: [partner] });
    const res = await postJson(`${server.api}/ask`, askBody(), { Origin: partner, 'Idempotency-Key': crypto.randomUUID() });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(partner);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('refuses another origin with 403 before anything is stored, preflight or not', async () => {
    server = await startTestServer(data.dir, { allowedOrigins: [partner] });
    const preflight = await fetch(`${server.api}/events`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const beacon = await fetch(`${server.api}/events`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body: JSON.stringify([{ type: 'open', ts: Date.now(), sessionId: 's', lang: 'vi', path: '/' }]),
    });
    expect(await errorOf(beacon)).toMatchObject({ status: 403, code: 'origin-not-allowed' });
    expect(queryDb<{ n: number }>(data.dir, 'SELECT COUNT(*) AS n FROM events')[0]!.n).toBe(0);
  });

  it('treats an Origin naming the server itself as same-origin, without CORS headers', async () => {
    server = await startTestServer(data.dir);
    const res = await postJson(`${server.api}/feedback`, { sessionId: 's', targetId: 't', kind: 'up' }, { Origin: server.url });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
