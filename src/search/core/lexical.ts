import { CorpusError } from '../../errors.js';
import { analyserId } from './analyse.js';
import { LEXICAL_DEFAULTS } from './lexical/defaults.js';
import { documentsOf, termsOf, type IndexDocument } from './lexical/documents.js';
import { buildPostings } from './lexical/postings.js';
import { accumulate } from './lexical/score.js';
import { scratchOf, searchIndex, type SearchContext } from './lexical/search.js';
import { corpusStats, lexiconOf } from './lexical/stats.js';
import type { LexicalIndex, LexicalMatch, LexicalPruning, PrunedSearch, SerialisedLexical } from './lexical/types.js';
import type { CorpusEntry } from './types.js';

/**
 * Lexical retrieval over the FAQ corpus: BM25+ over an inverted index built when the
 * engine loads, plus the coverage numbers the gate decides with.
 *
 * What is indexed, per entry: one document per *phrasing* (the title and each question,
 * field `q`), plus one entry-level document with the tags (`tags`) and the answer text
 * (`body`). Terms of a phrasing:
 * - the folded word ("dang") — every match counts here, typed with accents or not;
 * - the canonical accented word ("đăng"), when it has accents — only an accent-exact
 *   query term meets it, so "đăng ký" ranks an entry about đăng ký above one about
 *   "đang", while "dang ky" ranks them by the folded words alone;
 * - folded syllable bigrams ("dang_ky"), a stand-in for two-syllable words;
 * - abbreviations as typed ("cccd"), next to their expansion.
 * The body is indexed by folded words only (smaller, and weak evidence anyway).
 *
 * The index is not shipped: the artifact holds the entries, and {@link loadLexicalIndex}
 * analyses them again (the same analyser the compiler runs). A serialised index was more
 * than half the artifact's gzip size, and rebuilding costs about as much as reading it did.
 *
 * A question is searched once as typed and, when it holds English keywords, once more
 * with them translated (`analyse.ts`); each entry keeps the reading that explains the
 * question best. Candidates are the entries whose phrasings or tags share a term with
 * the question; the answer text only adds to their coverage.
 *
 * A search returns one {@link LexicalMatch} per entry: its BM25 score (best phrasing
 * plus tags) and the coverage numbers the gate decides with. Coverage weighs each unit
 * (folded word, or bigram the corpus has) by its idf over *topics*, the classes the
 * widget must tell apart.
 *
 * Speed: the index is flat typed arrays (postings with their BM25 term-frequency part
 * computed at load), and a query writes into scratch arrays reused from query to query,
 * so its cost is the postings it reads, with no object per document.
 *
 * This file is the public face; the work is in `lexical/`, one job a module:
 * - `types.ts` — the contract (matches, pruning, the index) and `defaults.ts` — the tuning;
 * - `documents.ts` — what is indexed: documents and the terms of each field;
 * - `postings.ts` — the flat postings with BM25+'s parts computed at load;
 * - `stats.ts` — corpus statistics, unit weights and the query lexicon;
 * - `scratch.ts` — per-query working memory; `score.ts` — the BM25+ scoring pass;
 * - `evidence.ts` — one reading of the question and each entry's exact evidence;
 * - `heap.ts`, `prune.ts` — bounds and the pruned search; `search.ts` — readings merged.
 */

export { LEXICAL_DEFAULTS, documentsOf, termsOf };
export type { IndexDocument, LexicalIndex, LexicalMatch, LexicalPruning, PrunedSearch, SerialisedLexical };

/**
 * What the compiler stores for the lexical side (the entries themselves are the index's input).
 *
 * @example artifact.lexical = buildLexicalIndex(entries);
 */
export function buildLexicalIndex(_entries: readonly CorpusEntry[]): SerialisedLexical {
  return { analyser: analyserId() };
}

/**
 * Indexes the entries (in artifact order) for search.
 *
 * @param data - the artifact's `lexical` record
 * @throws CorpusError when the record is not one {@link buildLexicalIndex} writes
 * @example
 * const index = loadLexicalIndex(artifact.lexical, artifact.entries);
 * index.search('lam lai cccd')[0]?.entry;
 */
export function loadLexicalIndex(data: unknown, entries: readonly CorpusEntry[]): LexicalIndex {
  if (!isSerialisedLexical(data)) {
    throw new CorpusError('dvc/search: the corpus artifact has no lexical record; rebuild it with `npm run corpus:build`');
  }
  return createLexicalIndex(entries);
}

/** Indexes entries directly (tests, benchmarks): the same as {@link loadLexicalIndex} without the artifact record. */
export function createLexicalIndex(entries: readonly CorpusEntry[]): LexicalIndex {
  const index = buildPostings(entries);
  const stats = corpusStats(index, entries);
  const context: SearchContext = { index, stats, lexicon: lexiconOf(stats), scratches: [] };
  const lexical: LexicalIndex = {
    vocabulary: stats.vocabulary,
    lexicon: context.lexicon,
    search: (text) => searchIndex(context, text, undefined).matches,
    searchPruned: (text, pruning) => searchIndex(context, text, pruning),
  };
  contexts.set(lexical, context);
  return lexical;
}

/**
 * Scores of every document holding one of the terms (index terms and their boosts), for
 * the test that compares them with MiniSearch's. The search runs the same {@link accumulate}.
 */
export function scoreTerms(index: LexicalIndex, boosts: ReadonlyMap<string, number>): Map<number, number> {
  const context = contexts.get(index);
  if (!context) throw new TypeError('not an index made by createLexicalIndex');
  const terms = [...boosts].map(([term, boost]) => ({ id: context.index.terms.get(term) ?? -1, boost, unit: -1, weight: 0 }));
  const scratch = scratchOf(context, 0);
  accumulate(context.index, scratch, terms);
  const scores = new Map<number, number>();
  for (let doc = 0; doc < context.index.documentCount; doc++) {
    if (scratch.documentSeen[doc] === scratch.generation) scores.set(doc, scratch.score[doc]! * scratch.matched[doc]!);
  }
  return scores;
}

const contexts = new WeakMap<LexicalIndex, SearchContext>();

function isSerialisedLexical(data: unknown): data is SerialisedLexical {
  return typeof data === 'object' && data !== null && typeof (data as Partial<SerialisedLexical>).analyser === 'string';
}
