/**
 * The tuning numbers of lexical retrieval, in one frozen object: scoring, coverage and
 * query analysis all read them here, so a calibration changes one place.
 */

/**
 * Tuning of lexical retrieval. Boosts multiply BM25 scores: 1 is neutral; field boosts
 * usually lie in 0.1–1 here (phrasings are the strongest evidence), term boosts in 0.2–1.
 */
export const LEXICAL_DEFAULTS = Object.freeze({
  /** Weight of tags relative to a phrasing. */
  tagsBoost: 0.5,
  /** Weight of a bigram query term relative to a word. */
  bigramBoost: 0.6,
  /** Weight of an accent-exact query term, added on top of its folded form. */
  accentBoost: 0.35,
  /** Weight of a bigram relative to a word in the coverage numbers. */
  bigramCoverageWeight: 0.5,
  /**
   * Share of coverage a word typed with accents earns when a phrasing has it with other
   * accents: probably another word ("chó" is not "cho"), possibly a slip ("mạt khẩu").
   */
  accentMissCoverage: 0.5,
  /** Share of coverage a guessed word (corrected slip, piece of a run-together token, translation) earns. */
  guessedCoverage: 0.85,
  /** Share of coverage a query unit earns when found only in other phrasings, tags or the answer text. */
  entryFieldCoverage: 0.5,
  /**
   * How an entry's best phrasing is chosen: this share of weight on query coverage, the rest
   * on phrasing coverage (0.5–0.9; higher prefers phrasings that explain the whole question).
   */
  phrasingChoice: 0.7,
  /** Query tokens read at most (a pasted page is cut). */
  maxQueryTokens: 64,
});
