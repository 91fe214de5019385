import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GATE_DEFAULTS, confidence, decide, gateOptions, suggestionsOf } from '../../../src/search/core/gate.js';
import type { SearchResult } from '../../../src/search/core/types.js';

describe('confidence', () => {
  it('is 1 for a question that is exactly a phrasing and 0 when nothing of it is explained', () => {
    expect(confidence({ queryCoverage: 1, phrasingCoverage: 1, relativeScore: 1 })).toBe(1);
    expect(confidence({ queryCoverage: 0, phrasingCoverage: 1, relativeScore: 1 })).toBe(0);
    expect(confidence({ queryCoverage: 1, phrasingCoverage: 0, relativeScore: 1 })).toBe(0);
  });

  it('grows with each kind of evidence and stays in [0, 1] even for odd input', () => {
    const base = { queryCoverage: 0.6, phrasingCoverage: 0.5, relativeScore: 0.5 };
    expect(confidence({ ...base, queryCoverage: 0.8 })).toBeGreaterThan(confidence(base));
    expect(confidence({ ...base, phrasingCoverage: 0.9 })).toBeGreaterThan(confidence(base));
    expect(confidence({ ...base, relativeScore: 1 })).toBeGreaterThan(confidence(base));
    expect(confidence({ queryCoverage: 7, phrasingCoverage: -1, relativeScore: Number.NaN })).toBeLessThanOrEqual(1);
    expect(confidence({ queryCoverage: Number.NaN, phrasingCoverage: 1, relativeScore: 1 })).toBe(0);
  });

  it('is a weighted geometric mean of the two coverages, scaled by the BM25 tie-breaker', () => {
    const options = { ...GATE_DEFAULTS, phrasingWeight: 0.5, scoreWeight: 0.3 };
    expect(confidence({ queryCoverage: 0.64, phrasingCoverage: 0.25, relativeScore: 1 }, options)).toBeCloseTo(0.4, 10);
    expect(confidence({ queryCoverage: 0.64, phrasingCoverage: 0.25, relativeScore: 0 }, options)).toBeCloseTo(0.28, 10);
    // A fragment fully said by a long phrasing and a long question meeting a short phrasing weigh alike.
    expect(confidence({ queryCoverage: 1, phrasingCoverage: 0.3, relativeScore: 1 }, options)).toBeCloseTo(
      confidence({ queryCoverage: 0.3, phrasingCoverage: 1, relativeScore: 1 }, options),
      10,
    );
  });
});

describe('decide', () => {
  const topic = (name: string) => name;
  /** Thresholds with a suggest band, to test it whatever the calibrated defaults are. */
  const banded = { answer: 0.5, suggest: 0.3, margin: 0, lead: 0.8 };

  it('answers a confident candidate with a clear lead', () => {
    expect(decide([{ confidence: 0.9, topic: topic('a') }, { confidence: 0.4, topic: topic('b') }])).toBe('answer');
    expect(decide([{ confidence: 0.9, topic: topic('a') }])).toBe('answer');
  });

  it('suggests when two candidates are close, unless they share a topic', () => {
    expect(decide([{ confidence: 0.9, topic: 'a' }, { confidence: 0.85, topic: 'b' }])).toBe('suggest');
    expect(decide([{ confidence: 0.9, topic: 'a' }, { confidence: 0.85, topic: 'a' }])).toBe('answer');
  });

  it('measures the lead against the best entry of another topic, not the next entry', () => {
    // Two entries of topic a, then a rival of topic b close to the first: ambiguous.
    const close = [
      { confidence: 0.9, topic: 'a' },
      { confidence: 0.88, topic: 'a' },
      { confidence: 0.85, topic: 'b' },
    ];
    expect(decide(close)).toBe('suggest');
    // The same entries of topic a with a distant rival: a clear answer.
    expect(decide([close[0]!, close[1]!, { confidence: 0.3, topic: 'b' }])).toBe('answer');
  });

  it('needs the rival at most `lead` times the first, and trailing by `margin`', () => {
    const pair = (rival: number) => [
      { confidence: 0.6, topic: 'a' },
      { confidence: rival, topic: 'b' },
    ];
    expect(decide(pair(0.48), banded)).toBe('answer'); // 0.48 = 0.8 × 0.6
    expect(decide(pair(0.49), banded)).toBe('suggest');
    expect(decide(pair(0.49), { ...banded, lead: 1 })).toBe('answer');
    expect(decide(pair(0.49), { ...banded, lead: 1, margin: 0.2 })).toBe('suggest');
    // Options without a lead (the hybrid gate's) need none.
    expect(decide(pair(0.59), { answer: 0.5, suggest: 0.3, margin: 0 })).toBe('answer');
  });

  it('also answers when the first explains clearly more of the question than a close rival', () => {
    const withCoverage = (first: number, rival: number) => [
      { confidence: 0.6, topic: 'a', coverage: first },
      { confidence: 0.55, topic: 'b', coverage: rival },
    ];
    const options = { ...banded, coverageLead: 0.15 };
    expect(decide(withCoverage(0.9, 0.7), options)).toBe('answer');
    expect(decide(withCoverage(0.9, 0.8), options)).toBe('suggest');
    // Without the option, or without coverage (hybrid candidates), only the confidence lead counts.
    expect(decide(withCoverage(0.9, 0.5), banded)).toBe('suggest');
    expect(decide([{ confidence: 0.6, topic: 'a' }, { confidence: 0.55, topic: 'b' }], options)).toBe('suggest');
    // It never answers below the answer threshold nor against the margin.
    expect(decide(withCoverage(0.9, 0.1), { ...options, answer: 0.7 })).toBe('suggest');
    expect(decide(withCoverage(0.9, 0.1), { ...options, margin: 0.1 })).toBe('suggest');
  });

  it('suggests between the thresholds and hands off below them or without candidates', () => {
    expect(decide([{ confidence: 0.4, topic: 'a' }], banded)).toBe('suggest');
    expect(decide([{ confidence: 0.29, topic: 'a' }], banded)).toBe('handoff');
    const scattered = ['a', 'b', 'c'].map((topic, i) => ({ confidence: GATE_DEFAULTS.suggest - 0.01 - i * 0.01, topic }));
    expect(decide(scattered)).toBe('handoff');
    expect(decide([{ confidence: GATE_DEFAULTS.agreedSuggest! - 0.01, topic: 'a' }])).toBe('handoff');
    expect(decide([{ confidence: Number.NaN, topic: 'a' }])).toBe('handoff');
    expect(decide([])).toBe('handoff');
  });

  it('never answers with a rival closer than the lead, whatever the confidences (property)', () => {
    const candidate = fc.record({ confidence: fc.double({ min: 0, max: 1, noNaN: true }), topic: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 6 }), (unsorted) => {
        const candidates = [...unsorted].sort((x, y) => y.confidence - x.confidence);
        const [first] = candidates;
        const rival = candidates.find((c) => c.topic !== first!.topic);
        const decision = decide(candidates, banded);
        if (decision === 'answer') {
          expect(first!.confidence).toBeGreaterThanOrEqual(banded.answer);
          if (rival) expect(rival.confidence).toBeLessThanOrEqual(banded.lead * first!.confidence);
        }
        expect(decision === 'handoff').toBe(first!.confidence < banded.suggest);
        // Candidates of the first's topic never make the decision less sure.
        const siblings = candidates.filter((c) => c.topic === first!.topic);
        expect(decide([...siblings, ...candidates.filter((c) => c.topic !== first!.topic)], banded)).toBe(decision);
      }),
    );
  });
});

describe('gateOptions', () => {
  it('keeps frozen defaults and overrides the answer threshold, never above the suggest one', () => {
    expect(Object.isFrozen(GATE_DEFAULTS)).toBe(true);
    expect(gateOptions()).toEqual(GATE_DEFAULTS);
    expect(gateOptions(0.8)).toMatchObject({ answer: 0.8, suggest: GATE_DEFAULTS.suggest });
    expect(gateOptions(0.2)).toMatchObject({ answer: 0.2, suggest: 0.2, lead: GATE_DEFAULTS.lead });
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

describe('decide: the out-of-scope rule', () => {
  const options = { answer: 0.4, suggest: 0.3, margin: 0, outOfScope: { share: 0.25 } };
  const candidates = [{ confidence: 0.45, topic: 'bhyt' }];

  it('counts the out-of-scope share as unexplained: hands off when what is left falls below suggest', () => {
    expect(decide(candidates, options, { outOfScope: 0.5 })).toBe('handoff'); // 0.45 × 0.5 < 0.3
    expect(decide(candidates, options, { outOfScope: 0.34 })).toBe('handoff'); // 0.45 × 0.66 < 0.3
    expect(decide(candidates, options, { outOfScope: 0.3 })).toBe('answer'); // 0.45 × 0.7 ≥ 0.3
    expect(decide([{ confidence: 0.9, topic: 'bhyt' }], options, { outOfScope: 0.6 })).toBe('answer');
    expect(decide([{ confidence: 0.9, topic: 'bhyt' }], options, { outOfScope: 1 })).toBe('handoff');
  });

  it('leaves the decision alone below the share, without the rule or without the evidence', () => {
    expect(decide([{ confidence: 0.35, topic: 'bhyt' }], options, { outOfScope: 0.24 })).toBe('suggest');
    expect(decide(candidates, { ...options, outOfScope: undefined }, { outOfScope: 1 })).toBe('answer');
    expect(decide(candidates, options)).toBe('answer');
  });

  it('is on by default in hybrid mode too', () => {
    const hybrid = GATE_DEFAULTS.hybrid;
    expect(decide([{ confidence: hybrid.answer, topic: 'a' }], hybrid, { outOfScope: 1 })).toBe('handoff');
    expect(decide([{ confidence: hybrid.answer, topic: 'a' }], hybrid, { outOfScope: 0 })).toBe('answer');
  });

  it('is on by default', () => {
    expect(GATE_DEFAULTS.outOfScope).toBeDefined();
    expect(decide([{ confidence: GATE_DEFAULTS.answer, topic: 'a' }], GATE_DEFAULTS, { outOfScope: 1 })).toBe('handoff');
  });
});

describe('decide: the agreed suggest threshold', () => {
  const options = { answer: 0.4, suggest: 0.37, margin: 0, agreedSuggest: 0.29 };
  const agreeing = [
    { confidence: 0.32, topic: 'ho-so-tra-cuu' },
    { confidence: 0.3, topic: 'ho-so-tra-cuu' },
    { confidence: 0.28, topic: 'ket-qua-nhan' },
  ];
  const scattered = [
    { confidence: 0.32, topic: 'ho-so-tra-cuu' },
    { confidence: 0.3, topic: 'tam-tru' },
    { confidence: 0.28, topic: 'ket-qua-nhan' },
  ];

  it('suggests from the lower threshold when the best three come from at most two topics', () => {
    expect(decide(agreeing, options)).toBe('suggest');
    expect(decide(agreeing.slice(0, 1), options)).toBe('suggest');
    expect(decide([{ confidence: 0.28, topic: 'a' }], options)).toBe('handoff');
  });

  it('keeps the ordinary threshold when they scatter over three topics, or without the option', () => {
    expect(decide(scattered, options)).toBe('handoff');
    expect(decide(agreeing, { ...options, agreedSuggest: undefined })).toBe('handoff');
    expect(decide(scattered, { ...options, agreedSuggest: undefined, suggest: 0.3 })).toBe('suggest');
  });

  it('never raises the threshold', () => {
    expect(decide(agreeing, { ...options, suggest: 0.3, agreedSuggest: 0.35 })).toBe('suggest');
  });
});
