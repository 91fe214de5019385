import { describe, expect, it } from 'vitest';
import type { HandoffAnswer } from '../../../src/handoff/contract.js';
import { Outbox, memoryOutboxStore } from '../../../src/handoff/outbox.js';
import { HandoffError } from '../../../src/errors.js';
import type { OutboxItem } from '../../../src/storage/records.js';

const item = (key: string, createdAt = 1): OutboxItem => ({
  key,
  messageId: `m-${key}`,
  createdAt,
  body: { sessionId: 's', question: `q ${key}`, lang: 'vi', page: { url: 'u', title: 't' }, candidates: [], history: [] },
});
const answer = (key: string): HandoffAnswer => ({ answer: `a ${key}`, sources: [], actions: [], handoffId: `h-${key}` });
const down = () => new HandoffError('down', 'network', true);

function setup(behaviour: (item: OutboxItem) => Promise<HandoffAnswer>) {
  const store = memoryOutboxStore();
  const sent: string[] = [];
  const delivered: string[] = [];
  const rejected: string[] = [];
  const counts: number[] = [];
  const outbox = new Outbox(store, {
    send: (i) => {
      sent.push(i.key);
      return behaviour(i);
    },
    delivered: (i, a) => delivered.push(`${i.key}:${a.handoffId}`),
    rejected: (i) => rejected.push(i.key),
    changed: (n) => counts.push(n),
  });
  return { store, outbox, sent, delivered, rejected, counts };
}

describe('the outbox', () => {
  it('keeps a question whose live send failed, and delivers it once on the next flush with the same key', async () => {
    let online = false;
    const { outbox, sent, delivered, store, counts } = setup(async (i) => {
      if (!online) throw down();
      return answer(i.key);
    });
    await outbox.add(item('k1'));
    await expect(outbox.send(item('k1'))).rejects.toMatchObject({ code: 'network' });
    expect(await store.list()).toHaveLength(1);
    online = true;
    await outbox.flush();
    await outbox.flush();
    expect(sent).toEqual(['k1', 'k1']);
    expect(delivered).toEqual(['k1:h-k1']);
    expect(await store.list()).toEqual([]);
    expect(counts.at(-1)).toBe(0);
  });

  it('never sends an item twice at once: a flush skips the one being sent live', async () => {
    let release: (a: HandoffAnswer) => void = () => {};
    const { outbox, sent } = setup((i) => new Promise((resolve) => (release = () => resolve(answer(i.key)))));
    await outbox.add(item('k1'));
    const live = outbox.send(item('k1'));
    await outbox.flush();
    release(answer('k1'));
    await live;
    expect(sent).toEqual(['k1']);
  });

  it('sends oldest first and stops at the first retryable failure, keeping the rest', async () => {
    const { outbox, sent, delivered, store } = setup(async (i) => {
      if (i.key === 'k2') throw down();
      return answer(i.key);
    });
    await outbox.add(item('k3', 3));
    await outbox.add(item('k1', 1));
    await outbox.add(item('k2', 2));
    await outbox.flush();
    expect(sent).toEqual(['k1', 'k2']);
    expect(delivered).toEqual(['k1:h-k1']);
    expect((await store.list()).map((i) => i.key)).toEqual(['k2', 'k3']);
  });

  it('drops a question the server refuses for good and says so', async () => {
    const { outbox, rejected, store } = setup(async () => {
      throw new HandoffError('bad', 'http', false, 400);
    });
    await outbox.add(item('k1'));
    await outbox.flush();
    expect(rejected).toEqual(['k1']);
    expect(await store.list()).toEqual([]);
  });

  it('runs one flush at a time', async () => {
    const { outbox, sent } = setup(async (i) => answer(i.key));
    await outbox.add(item('k1'));
    await Promise.all([outbox.flush(), outbox.flush()]);
    expect(sent).toEqual(['k1']);
  });
});
