import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { syntheticEntries } from '../../perf/synthetic.js';
import { createEngine } from '../../../src/search/core/engine.js';
import { confidence } from '../../../src/search/core/gate.js';
import {
  LEXICAL_DEFAULTS,
  buildLexicalIndex,
  createLexicalIndex,
  documentsOf,
  loadLexicalIndex,
  scoreTerms,
  termsOf,
  type IndexDocument,
  type LexicalMatch,
} from '../../../src/search/core/lexical.js';
import type { CorpusEntry } from '../../../src/search/core/types.js';
import { artifactOf, entry, fixtureArtifact } from './fixture.js';

function indexOf(entries: CorpusEntry[]) {
  const index = loadLexicalIndex(JSON.parse(JSON.stringify(buildLexicalIndex(entries))), entries);
  return {
    search: (text: string): Map<string, LexicalMatch> =>
      new Map(index.search(text).map((match) => [entries[match.entry]!.id, match])),
  };
}

/** idf of a unit found in `frequency` of `topics` topics, as the coverage numbers weigh it. */
const idf = (frequency: number, topics: number) => Math.log(1 + (topics - frequency + 0.5) / (frequency + 0.5));

describe('lexical evidence', () => {
  it('weighs words by their idf over topics, and a pair of words no phrasing holds is no unit', () => {
    const { search } = indexOf([entry('khai-sinh', ['đăng ký khai sinh']), entry('tam-tru', ['đăng ký tạm trú'])]);
    const match = search('khai sinh qqq').get('khai-sinh')!;
    // Units: khai, sinh, khai_sinh (1 topic each) and the unknown qqq (0 topics); "sinh_qqq" is a seam, not a unit.
    const known = 2 * idf(1, 2) + idf(1, 2) * LEXICAL_DEFAULTS.bigramCoverageWeight;
    expect(match.queryCoverage).toBeCloseTo(known / (known + idf(0, 2)), 10);
  });

  it('counts a word that several entries of one topic share as rare as a word of one entry', () => {
    const topic = (id: string, question: string) => entry(id, [question], { topic: 'ho-chieu' });
    const { search } = indexOf([
      topic('ho-chieu', 'làm hộ chiếu online'),
      topic('ho-chieu-mat', 'mất hộ chiếu làm lại'),
      topic('ho-chieu-tre-em', 'hộ chiếu cho trẻ em'),
      entry('khai-sinh', ['khai sinh hết bao nhiêu tiền']),
      entry('tam-tru', ['tạm trú hết bao nhiêu tiền']),
      entry('ket-hon', ['kết hôn hết bao nhiêu tiền']),
    ]);
    const found = search('hộ chiếu hết bao nhiêu tiền');
    // "hộ chiếu" (one topic) outweighs "hết bao nhiêu tiền" (three topics), though more phrasings say it.
    const best = [...found.entries()].sort(([, a], [, b]) => b.queryCoverage - a.queryCoverage)[0]![0];
    expect(best.startsWith('ho-chieu')).toBe(true);
  });

  it('counts words the entry has in other phrasings, tags or the answer half', () => {
    const { search } = indexOf([
      entry('khai-sinh', ['đăng ký khai sinh', 'làm online được không'], { answer: 'Nộp trên cổng.' }),
      entry('tam-tru', ['đăng ký tạm trú']),
    ]);
    const whole = search('đăng ký khai sinh').get('khai-sinh')!.queryCoverage;
    const split = search('đăng ký khai sinh online').get('khai-sinh')!;
    expect(whole).toBeCloseTo(1, 10);
    // "online" is in the entry's other phrasing: between not found (below) and found in the best one (1).
    const without = indexOf([entry('khai-sinh', ['đăng ký khai sinh']), entry('tam-tru', ['đăng ký tạm trú'])])
      .search('đăng ký khai sinh online')
      .get('khai-sinh')!.queryCoverage;
    expect(split.queryCoverage).toBeGreaterThan(without);
    expect(split.queryCoverage).toBeLessThan(1);
    // The answer text alone does not make an entry a candidate.
    expect(search('cổng').has('khai-sinh')).toBe(false);
    expect(search('đăng ký cổng').get('khai-sinh')!.queryCoverage).toBeGreaterThan(search('đăng ký xyz').get('khai-sinh')!.queryCoverage);
  });

  it('reaches Vietnamese entries from English questions through the keyword map', () => {
    const { search } = indexOf([entry('ho-chieu', ['làm hộ chiếu online']), entry('khai-sinh', ['đăng ký khai sinh cho con'])]);
    expect(search('how do I apply for a passport online').get('ho-chieu')!.queryCoverage).toBeGreaterThan(0.5);
    expect(search('register a birth').get('khai-sinh')!.queryCoverage).toBeGreaterThan(0.5);
    expect(search('register a birth').has('ho-chieu')).toBe(false);
  });

  it('trusts a word typed with other accents and a guessed word less than an exact one', () => {
    const { search } = indexOf([entry('khai-tu', ['đăng ký khai tử']), entry('tam-tru', ['đăng ký tạm trú'])]);
    const exact = search('đăng ký khai tử').get('khai-tu')!.queryCoverage;
    const accent = search('đăng ký khai tủ').get('khai-tu')!.queryCoverage;
    const slip = search('dang ky khai tuu').get('khai-tu')!.queryCoverage;
    expect(exact).toBeCloseTo(1, 10);
    expect(accent).toBeLessThan(exact);
    expect(slip).toBeLessThan(exact);
    expect(slip).toBeGreaterThan(0.8);
  });
});

describe('scoring', () => {
  it('gives the documents and BM25+ scores MiniSearch gives (property, MiniSearch as reference)', async () => {
    const { entries } = await fixtureArtifact();
    const index = createLexicalIndex(entries);
    const options = { fields: ['q', 'tags', 'body'], tokenize: termsOf, processTerm: (term: string) => term };
    const miniSearch = new MiniSearch<IndexDocument>(options);
    miniSearch.addAll(documentsOf(entries));
    const vocabulary = [...new Set(documentsOf(entries).flatMap((document) => termsOf(document.q ?? document.tags ?? '', document.q === undefined ? 'tags' : 'q')))];
    const query = fc.uniqueArray(
      fc.record({ term: fc.constantFrom(...vocabulary), boost: fc.constantFrom(1, 0.6, 0.35) }),
      { minLength: 1, maxLength: 8, selector: ({ term }) => term },
    );
    fc.assert(
      fc.property(query, (terms) => {
        const boosts = new Map(terms.map(({ term, boost }) => [term, boost]));
        const ours = scoreTerms(index, boosts);
        // MiniSearch's query side tokenizes too: each term is searched as given.
        const reference = miniSearch.search(
          { combineWith: 'OR', queries: terms.map(({ term }) => term) },
          {
            fields: ['q', 'tags'],
            tokenize: (text: string) => [text],
            boostTerm: (term: string) => boosts.get(term) ?? 1,
            boost: { q: 1, tags: LEXICAL_DEFAULTS.tagsBoost },
          },
        );
        expect([...ours.keys()].sort((a, b) => a - b)).toEqual(reference.map((hit) => hit.id as number).sort((a, b) => a - b));
        for (const hit of reference) expect(ours.get(hit.id as number)).toBeCloseTo(hit.score, 9);
      }),
    );
  });

  it('refuses an artifact record that is not a lexical one', () => {
    expect(() => loadLexicalIndex({ index: {} }, [])).toThrow(/no lexical record/);
    expect(() => loadLexicalIndex(buildLexicalIndex([]), [])).not.toThrow();
  });
});

describe('pruned search', () => {
  /** A corpus large enough for pruning to leave entries out: the fixture recombined, 600 entries. */
  const large = (async () => {
    const { entries } = await fixtureArtifact();
    return artifactOf(syntheticEntries(entries, { count: 600, seed: 7 }));
  })();

  it('gives the exhaustive results, hits and decision, for any limit and language (property)', async () => {
    const artifact = await large;
    const pruned = createEngine(artifact);
    const exhaustive = createEngine(artifact, { exhaustive: true });
    const index = createLexicalIndex(artifact.entries);
    const words = [...index.vocabulary];
    const phrasings = artifact.entries.flatMap((item) => [item.title, ...item.questions]);
    const question = fc.oneof(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((picked) => picked.join(' ')),
      fc.constantFrom(...phrasings),
      fc.tuple(fc.constantFrom(...phrasings), fc.constantFrom('online', 'how to register', 'ở đâu', 'bao lâu', 'cccd')).map(([a, b]) => `${a} ${b}`),
    );
    let omitting = 0;
    fc.assert(
      fc.property(question, fc.constantFrom('vi', 'en') as fc.Arbitrary<'vi' | 'en'>, fc.integer({ min: 1, max: 12 }), (text, lang, limit) => {
        const omitted = index.searchPruned(text, { confidence: (evidence) => confidence(evidence), keep: limit }).omitted;
        if (Math.max(omitted.vi, omitted.en) > -Infinity) omitting++;
        expect(pruned.searchLexical(text, { lang, limit })).toEqual(exhaustive.searchLexical(text, { lang, limit }));
      }),
      { numRuns: 300 },
    );
    // The property is only worth something if pruning actually left entries out.
    expect(omitting).toBeGreaterThan(100);
  }, 120_000);

  it('returns each kept entry exactly as the exhaustive search has it, the best BM25 score among them', async () => {
    const artifact = await large;
    const index = createLexicalIndex(artifact.entries);
    for (const text of ['làm lại căn cước công dân ở đâu', 'dang ky khai sinh online', 'how to renew health insurance card', 'xyz']) {
      const all = new Map(index.search(text).map((match) => [match.entry, match]));
      const { matches } = index.searchPruned(text, { confidence: (evidence) => confidence(evidence), keep: 3 });
      for (const match of matches) expect(match).toEqual(all.get(match.entry));
      expect(matches[0]?.score).toBe(index.search(text)[0]?.score);
      expect(matches.length).toBeLessThanOrEqual(all.size);
    }
  });
});
