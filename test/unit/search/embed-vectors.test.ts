import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusError } from '../../../src/errors.js';
import { GATE_DEFAULTS, decide, gateOptions } from '../../../src/search/core/gate.js';
import {
  EMBEDDING_PREFIX,
  MAX_EMBEDDED_CHARS,
  denseConfidence,
  embeddingInput,
  embeddingsRecord,
  encodeVectorFile,
  hybridConfidence,
  isEmbeddingsRecord,
  loadEmbeddings,
  phrasingTexts,
  vectorFileName,
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

describe('int8 phrasing vectors in a sidecar file', () => {
  const entries = [entry('a', ['câu một', 'câu hai']), entry('b', ['câu ba'])];
  const key = { corpusHash: '0123456789abcdef', modelId: 'dvc-test/model' };
  const owner = { ...key, entries };
  const encode = (vectors: Float32Array[]) => encodeVectorFile(vectors, key);

  it('lists the phrasings in storage order: each title, then its questions', () => {
    expect(phrasingTexts(entries)).toEqual(['câu một', 'câu một', 'câu hai', 'câu ba', 'câu ba']);
  });

  it('names the sidecar after the artifact and the model', () => {
    expect(vectorFileName('corpus.json', 'Xenova/multilingual-e5-small')).toBe('corpus.vectors.Xenova-multilingual-e5-small.bin');
    expect(vectorFileName('fixture-corpus-tiny.json', 'dvc-test/tiny-vi-embed')).toBe('fixture-corpus-tiny.vectors.dvc-test-tiny-vi-embed.bin');
  });

  it('round-trips vectors through int8 with cosine above 0.999 and keeps zero vectors zero', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }), (values) => {
        fc.pre(values.some((value) => Math.abs(value) > 1e-3));
        const original = unit(values);
        const zero = new Float32Array(16);
        const bytes = encode([original, original, zero, original, original]);
        expect(embeddingsRecord('x.bin', bytes)).toEqual({
          file: 'x.bin',
          dim: 16,
          count: 5,
          prefix: EMBEDDING_PREFIX,
          quantisation: 'int8-per-vector',
          bytes: bytes.length,
        });
        const index = loadEmbeddings(bytes.slice().buffer, owner);
        expect(cosine(index.vector(0), original)).toBeGreaterThan(0.999);
        expect([...index.vector(2)]).toEqual(new Array(16).fill(0));
      }),
    );
  });

  it('is deterministic and compact: a short header, then one byte per component', () => {
    const vectors = [unit([1, 2, 3, 4]), unit([-4, 3, -2, 1]), unit([0, 0, 1, 0]), unit([1, 1, 1, 1]), unit([3, 0, 0, -1])];
    const bytes = encode(vectors);
    expect(bytes).toEqual(encode(vectors.map((vector) => Float32Array.from(vector))));
    expect(bytes.length).toBeLessThan(5 * 4 + 200);
    expect([...bytes.subarray(0, 4)]).toEqual([0x44, 0x56, 0x43, 0x56]);
  });

  it('gives each entry the best cosine of its phrasings, and null for an unusable query', () => {
    const vectors = [unit([1, 0, 0]), unit([0, 1, 0]), unit([0, 0, 1]), unit([1, 1, 0]), unit([-1, 0, 0])];
    const index = loadEmbeddings(encode(vectors), owner);
    const best = index.entryCosines(Float32Array.from([0, 0, 5]))!;
    expect(best[0]).toBeCloseTo(1, 3); // entry a: its second question
    expect(best[1]).toBeCloseTo(0, 3);
    expect(index.entryCosines(new Float32Array(3))).toBeNull(); // the model knew no word
    expect(index.entryCosines(Float32Array.from([Number.NaN, 0, 1]))).toBeNull();
    expect(index.entryCosines(Float32Array.from([1, 0]))).toBeNull(); // another model's size
  });

  it('refuses vectors of different lengths or with non-finite numbers', () => {
    expect(() => encode([new Float32Array(3), new Float32Array(4)])).toThrow(RangeError);
    expect(() => encode([Float32Array.from([1, Number.NaN])])).toThrow(RangeError);
  });

  it('refuses a stale sidecar (another corpus or model), a cut or foreign file, and says what to do', () => {
    const good = encode(Array.from({ length: 5 }, () => unit([1, 2])));
    expect(() => loadEmbeddings(good, { ...owner, corpusHash: 'ffffffffffffffff' })).toThrow(
      /belongs to corpus 0123456789abcdef \(dvc-test\/model\), not to this corpus ffffffffffffffff .*deploy the corpus and its vectors file together/,
    );
    expect(() => loadEmbeddings(good, { ...owner, modelId: 'other/model' })).toThrow(CorpusError);
    expect(() => loadEmbeddings(good, { ...owner, entries: entries.slice(1) })).toThrow(/holds 5 vectors but its entries have 2 phrasings/);
    expect(() => loadEmbeddings(good.subarray(0, good.length - 3), owner)).toThrow(/holds 7 values, expected 2 × 5/);
    expect(() => loadEmbeddings(new TextEncoder().encode('{"not":"vectors"}'), owner, 'corpus.vectors.x.bin')).toThrow(
      /the vectors file corpus.vectors.x.bin is not a vectors file; rebuild the corpus/,
    );
    expect(() => loadEmbeddings(good.subarray(0, 20), owner)).toThrow(/cut short/);
  });

  it('accepts only plain .bin file names in the artifact record', () => {
    const record = embeddingsRecord('corpus.vectors.m.bin', encode([unit([1, 2])]));
    expect(isEmbeddingsRecord(record)).toBe(true);
    for (const file of ['../secret.bin', 'https://cdn.example/x.bin', 'models/x.bin', 'x.json', '.bin']) {
      expect(isEmbeddingsRecord({ ...record, file }), file).toBe(false);
    }
    expect(isEmbeddingsRecord({ ...record, prefix: 'passage: ' })).toBe(false);
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
