import { describe, expect, it } from 'vitest';
import { LEXICAL_TARGETS, evaluate, shortfalls, type EvalCase } from '../../../build/cli/metrics.js';
import type { SearchResult } from '../../../src/search/core/types.js';

const result = (decision: SearchResult['decision'], ...topics: string[]): SearchResult => ({
  query: 'q',
  decision,
  mode: 'lexical',
  results: topics.map((topic, i) => ({ id: `${topic}-entry`, topic, lang: 'vi', title: topic, score: 1 - i / 10 })),
});

describe('evaluate', () => {
  const cases: EvalCase[] = [
    { q: 'right answer', expect: 'khai-sinh' },
    { q: 'right by entry id', expect: 'can-cuoc-tre-em' },
    { q: 'helpful suggestion', expect: 'tam-tru' },
    { q: 'wrong answer', expect: 'ket-hon' },
    { q: 'either topic', expect: ['ho-chieu', 'can-cuoc'] },
    { q: 'weather', expect: 'HANDOFF' },
    { q: 'gold price', expect: 'HANDOFF' },
  ];
  const results = [
    result('answer', 'khai-sinh', 'lien-thong-khai-sinh'),
    result('answer', 'can-cuoc'),
    result('suggest', 'thuong-tru', 'tam-vang', 'tam-tru'),
    result('answer', 'khai-tu', 'ket-hon'),
    result('handoff', 'can-cuoc'),
    result('handoff', 'khai-sinh'),
    result('answer', 'thanh-toan-truc-tuyen'),
  ];
  const report = evaluate(cases, results, (id) => (id === 'can-cuoc-tre-em' ? 'can-cuoc' : id));

  it('counts each measure over the right denominator', () => {
    expect(report).toMatchObject({ total: 7, inDomain: 5, offDomain: 2 });
    expect(report.answeredRight).toBeCloseTo(2 / 5);
    expect(report.helpful).toBeCloseTo(3 / 5);
    expect(report.wrongConfident).toBeCloseTo(2 / 7); // ket-hon, and the gold price answered
    expect(report.offDomainHandedOff).toBeCloseTo(1 / 2);
    expect(report.accuracyAt1).toBeCloseTo(3 / 5);
    expect(report.recallAt3).toBeCloseTo(5 / 5);
  });

  it('lists every miss with what was expected and what came back', () => {
    expect(report.misses.map((m) => m.q)).toEqual(['wrong answer', 'either topic', 'gold price']);
    expect(report.misses[0]).toEqual({ q: 'wrong answer', expect: ['ket-hon'], decision: 'answer', top: ['khai-tu', 'ket-hon'] });
  });

  it('names every target that is not met', () => {
    expect(shortfalls(report, LEXICAL_TARGETS)).toEqual([
      'answered right 40.0 % < 85.0 %',
      'helpful 60.0 % < 95.0 %',
      'wrong confident 28.6 % > 3.0 %',
      'off-domain handed off 50.0 % < 95.0 %',
    ]);
    expect(shortfalls({ ...report, answeredRight: 0.9, helpful: 0.96, wrongConfident: 0.01, offDomainHandedOff: 1 }, LEXICAL_TARGETS)).toEqual([]);
  });
});
