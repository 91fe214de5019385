import { describe, expect, it } from 'vitest';
import { GATE_DEFAULTS, confidence, decide, gateOptions, suggestionsOf } from '../../../src/search/core/gate.js';
import type { SearchResult } from '../../../src/search/core/types.js';

describe('confidence', () => {
  it('is 1 for a question that is exactly a phrasing and 0 when nothing of it is explained', () => {
    expect(confidence({ queryCoverage: 1, phrasingCoverage: 1, relativeScore: 1 })).toBe(1);
    expect(confidence({ queryCoverage: 0, phrasingCoverage: 1, relativeScore: 1 })).toBe(0);
  });

  it('grows with each kind of evidence and stays in [0, 1] even for odd input', () => {
    const base = { queryCoverage: 0.6, phrasingCoverage: 0.5, relativeScore: 0.5 };
    expect(confidence({ ...base, queryCoverage: 0.8 })).toBeGreaterThan(confidence(base));
    expect(confidence({ ...base, phrasingCoverage: 0.9 })).toBeGreaterThan(confidence(base));
    expect(confidence({ ...base, relativeScore: 1 })).toBeGreaterThan(confidence(base));
    expect(confidence({ queryCoverage: 7, phrasingCoverage: -1, relativeScore: Number.NaN })).toBeLessThanOrEqual(1);
    expect(confidence({ queryCoverage: Number.NaN, phrasingCoverage: 1, relativeScore: 1 })).toBe(0);
  });
});

describe('decide', () => {
  const topic = (name: string) => name;

  it('answers a confident candidate with a clear lead', () => {
    expect(decide([{ confidence: 0.9, topic: topic('a') }, { confidence: 0.4, topic: topic('b') }])).toBe('answer');
    expect(decide([{ confidence: 0.9, topic: topic('a') }])).toBe('answer');
  });

  it('suggests when two candidates are close, unless they share a topic', () => {
    expect(decide([{ confidence: 0.9, topic: 'a' }, { confidence: 0.85, topic: 'b' }])).toBe('suggest');
    expect(decide([{ confidence: 0.9, topic: 'a' }, { confidence: 0.85, topic: 'a' }])).toBe('answer');
  });

  it('suggests between the thresholds and hands off below them or without candidates', () => {
    expect(decide([{ confidence: (GATE_DEFAULTS.answer + GATE_DEFAULTS.suggest) / 2, topic: 'a' }])).toBe('suggest');
    expect(decide([{ confidence: GATE_DEFAULTS.suggest - 0.01, topic: 'a' }])).toBe('handoff');
    expect(decide([])).toBe('handoff');
  });
});

describe('gateOptions', () => {
  it('keeps frozen defaults and overrides the answer threshold, never above the suggest one', () => {
    expect(Object.isFrozen(GATE_DEFAULTS)).toBe(true);
    expect(gateOptions()).toEqual(GATE_DEFAULTS);
    expect(gateOptions(0.8)).toMatchObject({ answer: 0.8, suggest: GATE_DEFAULTS.suggest });
    expect(gateOptions(0.2)).toMatchObject({ answer: 0.2, suggest: 0.2 });
    expect(gateOptions(3).answer).toBe(1);
    expect(gateOptions(Number.NaN)).toEqual(GATE_DEFAULTS);
  });
});

describe('suggestionsOf', () => {
  it('offers up to three hits close to the best', () => {
    const hit = (id: string, score: number) => ({ id, topic: id, lang: 'vi' as const, title: id, score });
    const result: SearchResult = {
      query: 'q',
      decision: 'suggest',
      mode: 'lexical',
      results: [hit('a', 0.5), hit('b', 0.45), hit('c', 0.4), hit('d', 0.39), hit('e', 0.1)],
    };
    expect(suggestionsOf(result).map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(suggestionsOf({ ...result, results: [hit('a', 0.5), hit('e', 0.1)] }).map((h) => h.id)).toEqual(['a']);
    expect(suggestionsOf({ ...result, results: [] })).toEqual([]);
  });
});
