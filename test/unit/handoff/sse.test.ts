import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../../../src/handoff/sse.js';

const parse = (chunks: string[]) => {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
};

describe('the event-stream parser', () => {
  it('reads named events, multi-line data, comments and CRLF', () => {
    const text = ': keep-alive\r\nevent: delta\r\ndata: {"text":"Xin"}\r\n\r\nevent: done\ndata: line 1\ndata: line 2\n\ndata:no space\n\n';
    expect(parse([text])).toEqual([
      { event: 'delta', data: '{"text":"Xin"}' },
      { event: 'done', data: 'line 1\nline 2' },
      { event: 'message', data: 'no space' },
    ]);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const text = 'event: delta\r\ndata: {"text":"chào "}\r\n\r\nevent: delta\ndata: {"text":"bạn"}\n\nevent: done\ndata: {}\n\n';
    const whole = parse([text]);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), text.length];
        const chunks = points.slice(1).map((end, i) => text.slice(points[i], end));
        expect(parse(chunks)).toEqual(whole);
      }),
    );
  });

  it('drops an event that never ended', () => {
    expect(parse(['event: delta\ndata: {"text":"x"}\n'])).toEqual([]);
  });
});
