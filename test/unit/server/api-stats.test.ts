// GET /v1/stats computed from seeded events, asks and feedback.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askBody, postJson, startTestServer, STAFF_TOKEN, tempDataDir, type TestServer } from './helpers.js';

let data: ReturnType<typeof tempDataDir>;
let server: TestServer;
let clock: number;

const DAY = 24 * 60 * 60 * 1000;
const NOV_1 = Date.parse('2026-11-01T00:00:00Z');

beforeEach(async () => {
  data = tempDataDir();
  clock = NOV_1;
  server = await startTestServer(data.dir, { now: () => clock, filingTours: ['nop-to-khai-tam-tru'] });
});

afterEach(async () => {
  await server.close();
  data.remove();
});

const event = (type: string, sessionId: string, ts: number, extra: Record<string, string> = {}) => ({
  type,
  ts,
  sessionId,
  lang: 'vi',
  path: '/',
  ...extra,
});

async function stats(query = ''): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.api}/stats${query}`, { headers: { Authorization: `Bearer ${STAFF_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function ask(question: string, sessionId: string): Promise<void> {
  const res = await postJson(`${server.api}/ask`, askBody({ question, sessionId }), { 'Idempotency-Key': crypto.randomUUID() });
  expect(res.status).toBe(200);
}

describe('staff indicators', () => {
  it('are all zero, with a null mean, on a fresh data folder', async () => {
    expect(await stats()).toEqual({
      sessions: 0,
      questions: 0,
      answeredOffline: 0,
      handedOff: 0,
      feedback: { up: 0, down: 0, missing: 0 },
      csat: { count: 0, mean: null },
      tours: { started: 0, completed: 0, filingsGuided: 0 },
      gaps: [],
    });
  });

  it('count sessions, questions, offline answers, handoffs, feedback, satisfaction, tours, filings and gaps', async () => {
    const t = NOV_1 + DAY;
    await postJson(`${server.api}/events`, [
      event('open', 'a', t),
      event('answer', 'a', t, { entryId: 'khai-sinh' }),
      event('answer', 'a', t, { entryId: 'tam-tru' }),
      event('suggest', 'b', t),
      event('handoff', 'b', t),
      event('handoff', 'c', t),
      event('tour-start', 'a', t, { tourId: 'nop-khai-sinh' }),
      event('tour-start', 'b', t, { tourId: 'nop-to-khai-tam-tru' }),
      event('tour-start', 'c', t, { tourId: 'tra-cuu' }),
      // Completed on the "dossier submitted" page: a filing guided.
      event('tour-complete', 'a', t, { tourId: 'nop-khai-sinh', path: '/ho-so/da-nop' }),
      // Completed elsewhere but a configured filing tour: a filing guided.
      event('tour-complete', 'b', t, { tourId: 'nop-to-khai-tam-tru', path: '/thanh-toan' }),
      // Neither: completed, no filing.
      event('tour-complete', 'c', t, { tourId: 'tra-cuu', path: '/tra-cuu' }),
    ]);
    for (const [kind, rating] of [['up'], ['up'], ['down'], ['missing'], ['csat', 5], ['csat', 4], ['csat', 4]] as const) {
      await postJson(`${server.api}/feedback`, { sessionId: 'd', targetId: 'x', kind, ...(rating === undefined ? {} : { rating }) });
    }
    await ask('Làm lại căn cước ở đâu?', 'e');
    await ask('làm lại  căn cước ở đâu', 'e');
    await ask('Làm lại căn cước ở đâu…', 'f');
    await ask('Đăng ký nuôi con nuôi cần gì?', 'f');

    expect(await stats()).toEqual({
      sessions: 6, // a, b, c from events; d from feedback; e, f from asks
      questions: 5, // 2 answers + 1 suggest + 2 handoffs
      answeredOffline: 2,
      handedOff: 2,
      feedback: { up: 2, down: 1, missing: 1 },
      csat: { count: 3, mean: 4.33 },
      tours: { started: 3, completed: 3, filingsGuided: 2 },
      gaps: [
        { question: 'Làm lại căn cước ở đâu…', count: 3 },
        { question: 'Đăng ký nuôi con nuôi cần gì?', count: 1 },
      ],
    });
  });

  it('count only what happened since the given date', async () => {
    clock = NOV_1 + 10 * DAY;
    await postJson(`${server.api}/events`, [event('answer', 'old', NOV_1 + DAY), event('answer', 'new', NOV_1 + 10 * DAY)]);
    clock = NOV_1 + DAY;
    await postJson(`${server.api}/feedback`, { sessionId: 'old', targetId: 'x', kind: 'up' });
    await ask('Câu hỏi cũ', 'old');
    clock = NOV_1 + 10 * DAY;
    await postJson(`${server.api}/feedback`, { sessionId: 'new', targetId: 'x', kind: 'down' });
    await ask('Câu hỏi mới', 'new');

    const recent = await stats('?since=2026-11-05');
    expect(recent).toMatchObject({
      sessions: 1,
      answeredOffline: 1,
      feedback: { up: 0, down: 1, missing: 0 },
      gaps: [{ question: 'Câu hỏi mới', count: 1 }],
    });
    expect(await stats('?since=2026-10-01')).toMatchObject({ sessions: 2, answeredOffline: 2 });
  });

  it('list at most ten gaps, the most asked first', async () => {
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j <= (i === 7 ? 2 : 0); j++) await ask(`Câu hỏi số ${i}`, 's');
    }
    const { gaps } = (await stats()) as { gaps: Array<{ question: string; count: number }> };
    expect(gaps).toHaveLength(10);
    expect(gaps[0]).toEqual({ question: 'Câu hỏi số 7', count: 3 });
  });

  it('replace a client timestamp from the future with the server time, so a wrong clock cannot hide events', async () => {
    await postJson(`${server.api}/events`, [event('answer', 'a', clock + 30 * DAY)]);
    expect(await stats('?since=2026-11-01')).toMatchObject({ answeredOffline: 1 });
    expect(await stats('?since=2026-11-02')).toMatchObject({ answeredOffline: 0 });
  });
});
