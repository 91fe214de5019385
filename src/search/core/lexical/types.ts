import type { Lexicon } from '../analyse.js';

/**
 * The lexical search's public contract: what the artifact records, what a search returns,
 * and what a pruned search asks of its caller. Types only, so every module of the search
 * can name them without importing the facade (`../lexical.ts`) that wires the modules.
 */

/** What the artifact records of the lexical side (`CorpusArtifact.lexical`). */
export interface SerialisedLexical {
  /**
   * `analyserId()` (`analyse.ts`) of the compiler's analyser. Informational: the engine indexes the
   * entries with its own analyser at load, so an artifact stays valid when tables change.
   */
  analyser: string;
}

/** One entry found by a lexical search. */
export interface LexicalMatch {
  /** Position of the entry in the artifact's `entries`. */
  entry: number;
  /** BM25 score: best phrasing plus tags, with the field and term boosts. */
  score: number;
  /** The best phrasing of the entry for this query: 0 = title, i = `questions[i - 1]`. */
  phrasing: number;
  /**
   * Share of the query's weighted words and bigrams found in that phrasing; those found
   * only elsewhere in the entry (other phrasings, tags, answer text) count half.
   */
  queryCoverage: number;
  /** Share of that phrasing's weighted words and bigrams found in the query. */
  phrasingCoverage: number;
}

/**
 * Lets a search leave out entries that cannot matter to the caller. The caller turns
 * evidence into a confidence and keeps the best entries; the search proves, from bounds,
 * which entries cannot reach them, and skips their coverage work. See {@link LexicalIndex.search}.
 */
export interface LexicalPruning {
  /**
   * The caller's confidence of an entry (the gate's `confidence`); must not decrease when
   * any of its inputs grows. `relativeScore` is the BM25 score over the best score.
   */
  confidence(evidence: { queryCoverage: number; phrasingCoverage: number; relativeScore: number }): number;
  /**
   * Entries the caller needs exactly, per language: every entry whose confidence could be
   * among the `keep` best of its language (plus the best entry of a second topic) is returned.
   */
  keep: number;
}

export interface LexicalIndex {
  /** Folded words of all phrasings and tags, for Telex/VNI decoding and language guesses. */
  readonly vocabulary: ReadonlySet<string>;
  /** The same vocabulary with the statistics the analyser's guesses need. */
  readonly lexicon: Lexicon;
  /** Entries whose phrasings or tags match a query term, best BM25 score first. */
  search(text: string): LexicalMatch[];
  /**
   * The same search, leaving out entries that provably cannot be among the `keep` most
   * confident of their language, nor the most confident of a second topic. Every entry
   * returned is exactly as {@link LexicalIndex.search} has it, and the best BM25 score is
   * among them; `omitted` bounds the confidence of the rest, so the caller can check that
   * its decision does not depend on them (and search exhaustively when it might).
   */
  searchPruned(text: string, pruning: LexicalPruning): PrunedSearch;
}

/** What a pruned search returns. */
export interface PrunedSearch {
  /** The entries kept, best BM25 score first; each exactly as the exhaustive search has it. */
  matches: LexicalMatch[];
  /**
   * Per language (`vi`, `en`): an upper bound of the confidence of every entry left out,
   * -Infinity when none was.
   */
  omitted: Record<'vi' | 'en', number>;
}
