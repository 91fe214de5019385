// Event-stream framing (what the API sends) and decoding (what an upstream sends).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseDecoder, sseFrame } from '../../../demo/server/api/sse.js';

function decodeInChunks(stream: string, cuts: number[]): string[] {
  const decoder = new SseDecoder();
  const out: string[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(...decoder.push(stream.slice(from, cut)));
    from = cut;
  }
  out.push(...decoder.push(stream.slice(from)), ...decoder.flush());
  return out;
}

describe('sseFrame', () => {
  it('writes one event line, one data line and a blank line, escaping newlines inside JSON', () => {
    expect(sseFrame('delta', { text: 'Bước 1\nBước 2' })).toBe('event: delta\ndata: {"text":"Bước 1\\nBước 2"}\n\n');
  });
});

describe('SseDecoder', () => {
  it('returns the data of each event, joining multi-line data and skipping comments and other fields', () => {
    const decoder = new SseDecoder();
    expect(decoder.push(': keep-alive\n\nevent: x\nid: 3\ndata: a\ndata:b\n\ndata: [DONE]\n')).toEqual(['a\nb']);
    expect(decoder.push('\n')).toEqual(['[DONE]']);
  });

  it('gives the same events whatever the chunk boundaries and line endings (property)', () => {
    const payload = fc.stringMatching(/^[a-zA-Z0-9 {}":,ăơư]{0,20}$/);
    fc.assert(
      fc.property(
        fc.array(payload, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 10 }),
        (datas, eol, rawCuts) => {
          const stream = datas.map((d) => `data: ${d}${eol}${eol}`).join('');
          const cuts = rawCuts.map((c) => c % (stream.length + 1));
          expect(decodeInChunks(stream, cuts)).toEqual(datas);
        },
      ),
    );
  });

  it('flushes an event the stream ended without a blank line after', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: last')).toEqual([]);
    expect(decoder.flush()).toEqual(['last']);
  });
});
