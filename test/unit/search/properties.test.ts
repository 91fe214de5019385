import fc from 'fast-check';
fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS ?? 100) });
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, hasEnglishKeywords, readsAsEnglish, type Analysis } from '../../../src/search/core/analyse.js';
import { createEngine, type Engine } from '../../../src/search/core/engine.js';
import { loadLexicalIndex } from '../../../src/search/core/lexical.js';
import { canonicalSyllable, foldDiacritics, foldSyllable, isAscii, syllables } from '../../../src/search/core/normalise.js';
import { isStopword } from '../../../src/search/core/stopwords.js';
import type { CorpusArtifact } from '../../../src/search/core/types.js';
import { fixtureArtifact } from './fixture.js';

let artifact: CorpusArtifact;
let engine: Engine;
let corpusWords: string[];

beforeAll(async () => {
  artifact = await fixtureArtifact();
  engine = createEngine(artifact);
  corpusWords = [...new Set(artifact.entries.flatMap((entry) => [entry.title, ...entry.questions].flatMap(syllables)))].sort();
});

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 't', 'th', 'tr', 'x'];
const NUCLEI = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uy', 'ua', 'ia', 'ươ', 'uô', 'iê', 'oai', 'ươi', 'uyê'];
const CODAS = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

/** A Vietnamese-looking syllable with its tone mark on any vowel (old or new placement, or neither). */
const syllable = fc
  .tuple(fc.constantFrom(...ONSETS), fc.constantFrom(...NUCLEI), fc.constantFrom(...CODAS), fc.constantFrom(...TONES), fc.nat())
  .map(([onset, nucleus, coda, tone, at]) => {
    const position = at % nucleus.length;
    return (onset + nucleus.slice(0, position + 1) + tone + nucleus.slice(position + 1) + coda).normalize('NFC');
  });

const ids = (engineResult: { results: { id: string }[] }): string[] => engineResult.results.map((hit) => hit.id).sort();

describe('normalisation properties', () => {
  it('folding is idempotent on any text, and leaves Vietnamese text as plain ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(foldDiacritics(foldDiacritics(text))).toBe(foldDiacritics(text));
      }),
    );
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 1, maxLength: 6 }), (words) => {
        expect(foldDiacritics(words.join(' '))).toMatch(/^[a-z ]*$/);
      }),
    );
  });

  it('canonical syllables are idempotent and do not depend on NFC/NFD or tone placement', () => {
    fc.assert(
      fc.property(syllable, (word) => {
        const canonical = canonicalSyllable(word);
        expect(canonicalSyllable(canonical)).toBe(canonical);
        expect(canonicalSyllable(word.normalize('NFD'))).toBe(canonical);
        expect(foldDiacritics(canonical).replace(/y$/, 'i')).toBe(foldDiacritics(word).replace(/y$/, 'i'));
      }),
    );
  });
});

describe('search properties', () => {
  /** A question made of corpus words and a few unknown ones, each maybe stripped of accents or uppercased. */
  const question = fc
    .array(
      fc.record({
        word: fc.oneof(
          { weight: 4, arbitrary: fc.nat().map((i) => corpusWords[i % corpusWords.length]!) },
          { weight: 1, arbitrary: syllable },
        ),
        strip: fc.boolean(),
        upper: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((words) =>
      words
        .map(({ word, strip, upper }) => {
          const text = strip ? foldDiacritics(word) : word;
          return upper ? text.toUpperCase() : text;
        })
        .join(' '),
    );

  it('gives the same answer for composed and decomposed input', () => {
    fc.assert(
      fc.property(question, (text) => {
        const { query: _composed, ...composed } = engine.searchLexical(text, { lang: 'vi' });
        const { query: _decomposed, ...decomposed } = engine.searchLexical(text.normalize('NFD'), { lang: 'vi' });
        expect(decomposed).toEqual(composed);
      }),
    );
  });

  it('finds the same entries whether a question is typed with diacritics or without', () => {
    const { lexicon } = loadLexicalIndex(artifact.lexical, artifact.entries);
    fc.assert(
      fc.property(question, (text) => {
        const typed = ids(engine.searchLexical(text, { lang: 'vi', limit: 50 }));
        const plain = ids(engine.searchLexical(foldDiacritics(text), { lang: 'vi', limit: 50 }));
        // Two deliberate exceptions. Accents decide some stopwords: "đang" and "cả" are
        // dropped, "dang" (đăng) and "ca" are words; "la" is dropped, "lạ" is a word. That
        // also changes the context typing slips are corrected in. And accents are evidence
        // of Vietnamese: "thẻ documents" reads as Vietnamese, "the documents" as English.
        // A third: a word typed with accents that the corpus does not know is corrected
        // only to words with the same vowels ("thườg" → thường, not "thọ" → thế).
        const english = readsAsEnglish(syllables(text));
        const sameStopwords = syllables(text).every((token) => isStopword(token, english) === isStopword(foldDiacritics(token), english));
        const accentedUnknown = syllables(text).some((token) => !isAscii(token) && !lexicon.known(foldSyllable(token)));
        if (sameStopwords && !accentedUnknown && english === readsAsEnglish(syllables(foldDiacritics(text)))) expect(plain).toEqual(typed);
      }),
    );
  });

  it('finds exactly the entries whose phrasings or tags share a word with the question (brute-force reference)', () => {
    // The answer text counts towards coverage but does not make an entry a candidate, and
    // the question is read the way the engine reads it: with the corpus lexicon (slips
    // corrected, run-together tokens split) and, when it has English keywords, translated too.
    // Words meet words and shorthand as typed meets shorthand as typed ("cccd", or the
    // "trực tuyến" a phrasing says before it is read as online), as in the index.
    const termsOf = (analyses: Analysis[]): Set<string> =>
      new Set(analyses.flatMap((analysis) => [...analysis.words, ...analysis.aliases.map((alias) => `=${alias}`)]));
    const index = artifact.entries.map((entry) => ({
      entry,
      terms: termsOf([entry.title, ...entry.questions, ...entry.tags].map((text) => analyse(text))),
    }));
    const { lexicon } = loadLexicalIndex(artifact.lexical, artifact.entries);
    fc.assert(
      fc.property(question, (text) => {
        const readings = [analyse(text, { lexicon, maxTokens: 64 })];
        if (hasEnglishKeywords(text, 64)) readings.push(analyse(text, { lexicon, maxTokens: 64, translate: true }));
        const query = [...termsOf(readings)];
        const expected = new Set(index.filter(({ terms }) => query.some((term) => terms.has(term))).map(({ entry }) => entry.id));
        expect(ids(engine.searchLexical(text, { lang: 'vi', limit: 50 }))).toEqual([...expected].sort());
      }),
    );
  });
});
