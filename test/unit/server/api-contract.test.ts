// Contract tests of the reference API (DESIGN.md, handoff contract v1) against a running server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_DOSSIERS } from '../../../demo/server/api/seed.js';
import { askBody, parseEventStream, postJson, queryDb, startTestServer, STAFF_TOKEN, tempDataDir, type TestServer } from './helpers.js';

let data: ReturnType<typeof tempDataDir>;
let server: TestServer;

beforeEach(async () => {
  data = tempDataDir();
  server = await startTestServer(data.dir);
});

afterEach(async () => {
  await server.close();
  data.remove();
});

describe('reference API contract', () => {
  it('reports health with the package version', async () => {
    const res = await fetch(`${server.api}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('looks up the seeded dossier H01.99-260101-0001 in the contract shape', async () => {
    const res = await fetch(`${server.api}/dossiers/H01.99-260101-0001`);
    expect(res.status).toBe(200);
    const dossier = await res.json();
    expect(dossier).toEqual(SEED_DOSSIERS.find((d) => d.code === 'H01.99-260101-0001'));
    expect(Object.keys(dossier).sort()).toEqual(['agency', 'code', 'history', 'procedure', 'status', 'statusText', 'updatedAt']);
    expect(dossier.history[0]).toEqual({ at: expect.any(String), status: 'received', note: expect.any(String) });
  });

  it('forgives case and spaces in a dossier code, and seeds every demo dossier', async () => {
    for (const seeded of SEED_DOSSIERS) {
      const typed = ` ${seeded.code.toLowerCase()} `;
      const res = await fetch(`${server.api}/dossiers/${encodeURIComponent(typed)}`);
      expect(res.status, seeded.code).toBe(200);
      expect((await res.json()).code).toBe(seeded.code);
    }
  });

  it('answers 404 for an unknown dossier and 400 for a malformed code, in the error shape', async () => {
    const missing = await fetch(`${server.api}/dossiers/H01.99-200101-9999`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'dossier-not-found', message: expect.stringContaining('H01.99-200101-9999') } });
    const malformed = await fetch(`${server.api}/dossiers/not-a-code`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalid-dossier-code');
  });

  it('answers an ask as JSON with answer, sources, actions and handoffId', async () => {
    const res = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': crypto.randomUUID(), Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const reply = await res.json();
    expect(Object.keys(reply).sort()).toEqual(['actions', 'answer', 'handoffId', 'sources']);
    expect(reply.answer).toContain('đã được ghi lại');
    expect(reply.handoffId).toMatch(/^[0-9a-f-]{36}$/);
    for (const source of reply.sources) expect(source).toEqual({ title: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
  });

  it('streams an ask as delta events then done, the deltas adding up to the answer', async () => {
    const res = await postJson(`${server.api}/ask`, askBody({ lang: 'en' }), {
      'Idempotency-Key': crypto.randomUUID(),
      Accept: 'text/event-stream',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const raw = await res.text();
    expect(raw).toMatch(/^event: delta\ndata: \{"text":/);
    const events = parseEventStream(raw);
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(events.at(-1)!.event).toBe('done');
    expect(events.map((e) => e.event)).toEqual([...deltas.map(() => 'delta'), 'done']);
    const done = events.at(-1)!.data as { answer: string; sources: unknown[]; actions: unknown[]; handoffId: string };
    expect(deltas.map((d) => (d.data as { text: string }).text).join('')).toBe(done.answer);
    expect(done.answer).toMatch(/recorded so that staff/);
    expect(Object.keys(done).sort()).toEqual(['actions', 'answer', 'handoffId', 'sources']);
  });

  it('records feedback of every kind, with a rating for csat', async () => {
    const bodies = [
      { sessionId: 's', targetId: 'khai-sinh', kind: 'up' },
      { sessionId: 's', targetId: 'khai-sinh', kind: 'down', comment: 'Thiếu lệ phí' },
      { sessionId: 's', targetId: 'nop-khai-sinh', kind: 'csat', rating: 5 },
      { sessionId: 's', targetId: 'khai-sinh', kind: 'missing', comment: 'Chưa có mục khai sinh cho con nuôi' },
    ];
    for (const body of bodies) {
      const res = await postJson(`${server.api}/feedback`, body);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: expect.any(Number) });
    }
    const rows = queryDb<{ kind: string; rating: number | null }>(data.dir, 'SELECT kind, rating FROM feedback ORDER BY id');
    expect(rows).toEqual([
      { kind: 'up', rating: null },
      { kind: 'down', rating: null },
      { kind: 'csat', rating: 5 },
      { kind: 'missing', rating: null },
    ]);
  });

  it('accepts an events batch as JSON and as text/plain (sendBeacon), keeping only the path', async () => {
    const event = { type: 'answer', ts: Date.now(), sessionId: 's', lang: 'vi', path: '/tra-cuu?ma=H01.99-260101-0001#ket-qua', entryId: 'tra-cuu-ho-so' };
    const asJson = await postJson(`${server.api}/events`, [event]);
    expect(asJson.status).toBe(202);
    expect(await asJson.json()).toEqual({ accepted: 1 });
    const asBeacon = await fetch(`${server.api}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify([{ ...event, type: 'open', ts: new Date().toISOString(), entryId: undefined }]),
    });
    expect(asBeacon.status).toBe(202);
    const rows = queryDb<{ type: string; path: string; entry_id: string | null }>(data.dir, 'SELECT type, path, entry_id FROM events ORDER BY id');
    expect(rows).toEqual([
      { type: 'answer', path: '/tra-cuu', entry_id: 'tra-cuu-ho-so' },
      { type: 'open', path: '/tra-cuu', entry_id: null },
    ]);
  });

  it('keeps asks, feedback and events across a restart on the same data folder', async () => {
    const key = crypto.randomUUID();
    const first = await (await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key })).json();
    await postJson(`${server.api}/feedback`, { sessionId: 's', targetId: first.handoffId, kind: 'up' });
    await postJson(`${server.api}/events`, [{ type: 'handoff', ts: Date.now(), sessionId: 's', lang: 'vi', path: '/' }]);
    await server.close();

    server = await startTestServer(data.dir);
    const replay = await postJson(`${server.api}/ask`, askBody(), { 'Idempotency-Key': key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await replay.json()).handoffId).toBe(first.handoffId);
    const stats = await (await fetch(`${server.api}/stats`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } })).json();
    expect(stats).toMatchObject({ handedOff: 1, feedback: { up: 1 }, gaps: [{ question: 'Làm lại căn cước ở đâu?', count: 1 }] });
  });

  it('creates and migrates a fresh data folder that does not exist yet', async () => {
    const nested = `${data.dir}/a/b/c`;
    const other = await startTestServer(nested);
    try {
      expect((await fetch(`${other.api}/dossiers/H01.99-260101-0001`)).status).toBe(200);
    } finally {
      await other.close();
    }
    expect(queryDb<{ user_version: number }>(nested, 'PRAGMA user_version')[0]!.user_version).toBeGreaterThan(0);
  });
});
