import { describe, expect, it } from 'vitest';
import { MAX_MESSAGES, append, isMessage, type Message } from '../../../src/conversation/messages.js';

const user = (n: number): Message => ({ id: `m${n}`, at: n, role: 'user', text: `câu hỏi ${n}` });

describe('conversation messages', () => {
  it('keeps only the newest messages so storage never fills up', () => {
    let messages: Message[] = [];
    for (let n = 0; n < MAX_MESSAGES + 5; n++) messages = append(messages, user(n));
    expect(messages).toHaveLength(MAX_MESSAGES);
    expect(messages[0]?.id).toBe('m5');
    expect(messages.at(-1)?.id).toBe(`m${MAX_MESSAGES + 4}`);
  });

  it('accepts every kind of stored message it writes', () => {
    const entry = { id: 'khai-sinh', lang: 'vi', title: 'T', topic: 'khai-sinh', answer: 'A', updated: '2026-01-01', sources: [], links: [] };
    const good: unknown[] = [
      user(1),
      { id: 'a', at: 1, role: 'assistant', kind: 'answer', query: 'q', entry },
      { id: 'b', at: 1, role: 'assistant', kind: 'suggest', query: 'q', suggestions: [] },
      { id: 'c', at: 1, role: 'assistant', kind: 'handoff', query: 'q', suggestions: [] },
      { id: 'd', at: 1, role: 'assistant', kind: 'error', query: 'q' },
    ];
    expect(good.every(isMessage)).toBe(true);
  });

  it('rejects stored data from another version or tampered with', () => {
    const bad: unknown[] = [
      null,
      'text',
      { id: 1, at: 1, role: 'user', text: 'x' },
      { id: 'a', at: 1, role: 'system', text: 'x' },
      { id: 'a', at: 1, role: 'assistant', kind: 'answer', query: 'q', entry: { answer: 5 } },
      { id: 'a', at: 1, role: 'assistant', kind: 'poem', query: 'q' },
    ];
    expect(bad.some(isMessage)).toBe(false);
  });
});
