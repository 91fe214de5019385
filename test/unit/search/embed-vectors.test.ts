import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusError } from '../../../src/errors.js';
import { GATE_DEFAULTS, decide, gateOptions } from '../../../src/search/core/gate.js';
import {
  EMBEDDING_PREFIX,
  MAX_EMBEDDED_CHARS,
  denseConfidence,
  embeddingInput,
  encodeEmbeddings,
  fromBase64,
  hybridConfidence,
  loadEmbeddings,
  phrasingTexts,
  toBase64,
} from '../../../src/search/core/vectors.js';
import { entry } from './fixture.js';

const unit = (values: number[]): Float32Array => {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((value) => value / norm));
};
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
};

describe('base64', () => {
  it('round-trips any bytes and matches the platform encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses text that is not base64', () => {
    expect(() => fromBase64('abc')).toThrow(SyntaxError);
    expect(() => fromBase64('ab$=')).toThrow(SyntaxError);
  });
});

describe('int8 phrasing vectors', () => {
  const entries = [entry('a', ['câu một', 'câu hai']), entry('b', ['câu ba'])];

  it('lists the phrasings in storage order: each title, then its questions', () => {
    expect(phrasingTexts(entries)).toEqual(['câu một', 'câu một', 'câu hai', 'câu ba', 'câu ba']);
  });

  it('round-trips vectors through int8 with cosine above 0.999 and keeps zero vectors zero', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }), (values) => {
        fc.pre(values.some((value) => Math.abs(value) > 1e-3));
        const original = unit(values);
        const zero = new Float32Array(16);
        const stored = encodeEmbeddings([original, original, zero, original, original]);
        expect(stored).toMatchObject({ dim: 16, count: 5, prefix: EMBEDDING_PREFIX, quantisation: 'int8-per-vector' });
        const index = loadEmbeddings(JSON.parse(JSON.stringify(stored)), entries);
        expect(cosine(index.vector(0), original)).toBeGreaterThan(0.999);
        expect([...index.vector(2)]).toEqual(new Array(16).fill(0));
      }),
    );
  });

  it('is deterministic', () => {
    const vectors = [unit([1, 2, 3, 4]), unit([-4, 3, -2, 1]), unit([0, 0, 1, 0]), unit([1, 1, 1, 1]), unit([3, 0, 0, -1])];
    expect(encodeEmbeddings(vectors)).toEqual(encodeEmbeddings(vectors.map((vector) => Float32Array.from(vector))));
  });

  it('gives each entry the best cosine of its phrasings, and null for an unusable query', () => {
    const vectors = [unit([1, 0, 0]), unit([0, 1, 0]), unit([0, 0, 1]), unit([1, 1, 0]), unit([-1, 0, 0])];
    const index = loadEmbeddings(encodeEmbeddings(vectors), entries);
    const best = index.entryCosines(Float32Array.from([0, 0, 5]))!;
    expect(best[0]).toBeCloseTo(1, 3); // entry a: its second question
    expect(best[1]).toBeCloseTo(0, 3);
    expect(index.entryCosines(new Float32Array(3))).toBeNull(); // the model knew no word
    expect(index.entryCosines(Float32Array.from([Number.NaN, 0, 1]))).toBeNull();
    expect(index.entryCosines(Float32Array.from([1, 0]))).toBeNull(); // another model's size
  });

  it('refuses vectors of different lengths or with non-finite numbers', () => {
    expect(() => encodeEmbeddings([new Float32Array(3), new Float32Array(4)])).toThrow(RangeError);
    expect(() => encodeEmbeddings([Float32Array.from([1, Number.NaN])])).toThrow(RangeError);
  });

  it('fails loudly on malformed or mismatched stored vectors', () => {
    const good = encodeEmbeddings(Array.from({ length: 5 }, () => unit([1, 2])));
    expect(() => loadEmbeddings({ ...good, count: 4 }, entries)).toThrow(CorpusError);
    expect(() => loadEmbeddings({ ...good, vectors: good.vectors.slice(4) }, entries)).toThrow(/hold/);
    expect(() => loadEmbeddings({ ...good, vectors: '!!!!' }, entries)).toThrow(/base64/);
    expect(() => loadEmbeddings({ ...good, prefix: 'passage: ' }, entries)).toThrow(/malformed/);
    expect(() => loadEmbeddings(null, entries)).toThrow(CorpusError);
  });
});

describe('embeddingInput', () => {
  it('prefixes every text with "query: ", in NFC, trimmed and cut', () => {
    expect(embeddingInput('  La\u0300m la\u0323i CCCD ')).toBe('query: Làm lại CCCD');
    expect(embeddingInput('')).toBe(EMBEDDING_PREFIX);
    expect(embeddingInput('ạ'.repeat(2000))).toBe(EMBEDDING_PREFIX + 'ạ'.repeat(MAX_EMBEDDED_CHARS));
  });
});

describe('fusion and the hybrid gate', () => {
  const options = { denseWeight: 0.5, cosineFloor: 0.8, cosineCeiling: 0.95 };

  it('maps cosine linearly between floor and ceiling', () => {
    expect(denseConfidence(0.8, options)).toBe(0);
    expect(denseConfidence(0.875, options)).toBeCloseTo(0.5);
    expect(denseConfidence(0.99, options)).toBe(1);
    expect(denseConfidence(0.2, options)).toBe(0);
    expect(denseConfidence(Number.NaN, options)).toBe(0);
    expect(denseConfidence(0.9, { cosineFloor: 0.9, cosineCeiling: 0.9 })).toBe(0);
  });

  it('combines lexical and dense confidence convexly, in [0, 1], monotone in each', () => {
    expect(hybridConfidence(1, 0.95, options)).toBe(1);
    expect(hybridConfidence(0, null, options)).toBe(0);
    expect(hybridConfidence(1, null, options)).toBe(0.5);
    expect(hybridConfidence(0, 0.95, options)).toBe(0.5);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (lexical, cos) => {
        const value = hybridConfidence(lexical, cos, options);
        expect(value >= 0 && value <= 1).toBe(true);
        expect(hybridConfidence(Math.min(1, lexical + 0.1), cos, options)).toBeGreaterThanOrEqual(value);
        expect(hybridConfidence(lexical, Math.min(1, cos + 0.1), options)).toBeGreaterThanOrEqual(value);
      }),
    );
  });

  it('has its own frozen thresholds next to the lexical ones, also overridden by the threshold attribute', () => {
    expect(Object.isFrozen(GATE_DEFAULTS.hybrid)).toBe(true);
    expect(GATE_DEFAULTS.hybrid.suggest).toBeLessThanOrEqual(GATE_DEFAULTS.hybrid.answer);
    expect(gateOptions(0.8).hybrid).toMatchObject({ answer: 0.8, suggest: GATE_DEFAULTS.hybrid.suggest });
    expect(gateOptions(0.2).hybrid).toMatchObject({ answer: 0.2, suggest: 0.2 });
    expect(gateOptions().hybrid).toEqual(GATE_DEFAULTS.hybrid);
  });

  it('decides with the hybrid thresholds when given them', () => {
    const hybrid = { answer: 0.7, suggest: 0.4, margin: 0.1 };
    const candidates = [
      { confidence: 0.6, topic: 'a' },
      { confidence: 0.3, topic: 'b' },
    ];
    expect(decide(candidates, hybrid)).toBe('suggest');
    expect(decide(candidates, { ...hybrid, answer: 0.55 })).toBe('answer');
  });
});
