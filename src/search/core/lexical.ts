import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { CorpusError } from '../../errors.js';
import { analyse, analyserId, type Analysis } from './analyse.js';
import { bigrams, foldSyllable } from './normalise.js';
import type { CorpusEntry } from './types.js';

/**
 * Lexical retrieval over the FAQ corpus, on MiniSearch (BM25+).
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
 * A search returns one {@link LexicalMatch} per entry: its BM25 score (best phrasing
 * plus the entry-level document) and, from its best phrasing, the coverage numbers the
 * gate decides with.
 */

/** The serialised index stored in `CorpusArtifact.lexical`. */
export interface SerialisedLexical {
  /** {@link analyserId} of the analyser that produced the terms. */
  analyser: string;
  /** MiniSearch's `toJSON()` of the index. */
  index: AsPlainObject;
}

/** One entry found by a lexical search. */
export interface LexicalMatch {
  /** Position of the entry in the artifact's `entries`. */
  entry: number;
  /** BM25 score: best phrasing plus tags and answer text, with the field and term boosts. */
  score: number;
  /** The best phrasing of the entry for this query: 0 = title, i = `questions[i - 1]`. */
  phrasing: number;
  /** Share of the query's weighted words and bigrams found in that phrasing (tags and answer count half). */
  queryCoverage: number;
  /** Share of that phrasing's weighted words and bigrams found in the query. */
  phrasingCoverage: number;
}

export interface LexicalIndex {
  /** Folded words of all phrasings and tags, for Telex/VNI decoding and language guesses. */
  readonly vocabulary: ReadonlySet<string>;
  /** Entries matching any query term, best BM25 score first. */
  search(text: string): LexicalMatch[];
}

/**
 * Indexes the entries (in the given order; the same order must be passed to
 * {@link loadLexicalIndex}).
 *
 * @example
 * const lexical = buildLexicalIndex(entries); // stored in the artifact
 * const index = loadLexicalIndex(lexical, entries);
 * index.search('lam lai cccd')[0]?.entry;
 */
export function buildLexicalIndex(entries: readonly CorpusEntry[]): SerialisedLexical {
  const miniSearch = new MiniSearch<IndexDocument>(MINISEARCH_OPTIONS);
  miniSearch.addAll(documentsOf(entries));
  return { analyser: analyserId(), index: miniSearch.toJSON() };
}

/**
 * Loads a serialised index for the same entries it was built from.
 *
 * @throws CorpusError when the data is not an index of this analyser or these entries
 */
export function loadLexicalIndex(data: unknown, entries: readonly CorpusEntry[]): LexicalIndex {
  if (!isSerialisedLexical(data)) {
    throw new CorpusError('dvc/search: the corpus artifact has no usable lexical index; rebuild it with `npm run corpus:build`');
  }
  if (data.analyser !== analyserId()) {
    throw new CorpusError(
      `dvc/search: the corpus index was built with analyser ${data.analyser}, this engine uses ${analyserId()} ` +
        '(abbreviations or stopwords changed); rebuild it with `npm run corpus:build`',
    );
  }
  const references = referencesOf(entries);
  let miniSearch: MiniSearch<IndexDocument>;
  try {
    miniSearch = MiniSearch.loadJS(data.index, MINISEARCH_OPTIONS);
  } catch (error) {
    throw new CorpusError('dvc/search: the corpus index cannot be read; rebuild it with `npm run corpus:build`', {
      cause: error,
    });
  }
  if (miniSearch.documentCount !== references.length) {
    throw new CorpusError(
      `dvc/search: the corpus index holds ${miniSearch.documentCount} documents but its entries make ${references.length}; rebuild it`,
    );
  }
  const stats = phrasingStats(data.index, references);
  return {
    vocabulary: stats.vocabulary,
    search: (text) => searchIndex(miniSearch, references, stats, text),
  };
}

// ---------------------------------------------------------------------------------------
// Documents and terms
// ---------------------------------------------------------------------------------------

interface IndexDocument {
  id: number;
  q?: string;
  tags?: string;
  body?: string;
}

/** Where an index document comes from. `phrasing` is -1 for the entry-level document. */
interface DocumentReference {
  entry: number;
  phrasing: number;
}

/** Index documents of the entries: each phrasing, then one entry-level document per entry. */
function documentsOf(entries: readonly CorpusEntry[]): IndexDocument[] {
  const documents: IndexDocument[] = [];
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.questions]) documents.push({ id: documents.length, q: text });
    documents.push({ id: documents.length, tags: entry.tags.join('\n'), body: plainText(entry.answer) });
  }
  return documents;
}

/** Where each document of {@link documentsOf} comes from, by document id. */
function referencesOf(entries: readonly CorpusEntry[]): DocumentReference[] {
  const references: DocumentReference[] = [];
  entries.forEach((entry, index) => {
    for (let phrasing = 0; phrasing <= entry.questions.length; phrasing++) references.push({ entry: index, phrasing });
    references.push({ entry: index, phrasing: -1 });
  });
  return references;
}

/** Markdown without link targets and bare URLs; the tokenizer drops the rest of the markup. */
function plainText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
}

function termsOf(text: string, field: string | undefined): string[] {
  if (field === 'body') {
    const { words, aliases } = analyse(text);
    return [...words, ...aliases.map(aliasTerm)];
  }
  if (field === 'tags') return text.split('\n').flatMap((tag) => phrasingTerms(analyse(tag)));
  return phrasingTerms(analyse(text));
}

function phrasingTerms({ words, accents, aliases }: Analysis): string[] {
  return [...words, ...accents.filter((accent) => accent !== ''), ...bigrams(words), ...aliases.map(aliasTerm)];
}

/**
 * Abbreviations as typed are indexed with a leading `=` ("=cccd"): they add to the score
 * but are not words of the phrasing, so coverage can tell them apart from words.
 */
function aliasTerm(alias: string): string {
  return `=${alias}`;
}

/** Whether an index term is a unit of coverage: a folded word or a bigram (not an accented form, not an alias). */
function isUnit(term: string): boolean {
  return !term.startsWith('=') && (term.includes('_') || foldSyllable(term) === term);
}

const MINISEARCH_OPTIONS: Options<IndexDocument> = {
  fields: ['q', 'tags', 'body'],
  tokenize: termsOf,
  processTerm: (term) => term,
};

// ---------------------------------------------------------------------------------------
// Statistics for coverage
// ---------------------------------------------------------------------------------------

interface PhrasingStats {
  vocabulary: Set<string>;
  /** Number of phrasings containing each unit (folded word or bigram). */
  documentFrequency: Map<string, number>;
  phrasingCount: number;
  /** Sum of unit weights of each phrasing document, by document id (0 for entry-level documents). */
  totalWeight: number[];
}

/**
 * Coverage statistics, read from the serialised postings rather than by analysing every
 * phrasing again: loading stays a pass over the index, which matters on slow phones.
 */
function phrasingStats(index: AsPlainObject, references: readonly DocumentReference[]): PhrasingStats {
  const phrasingField = String(index.fieldIds['q']);
  const tagsField = String(index.fieldIds['tags']);
  const vocabulary = new Set<string>();
  const documentFrequency = new Map<string, number>();
  const unitsOf: string[][] = references.map(() => []);
  for (const [term, fields] of index.index) {
    if (!isUnit(term)) continue;
    const phrasings = fields[phrasingField];
    if (!term.includes('_') && (phrasings || fields[tagsField])) vocabulary.add(term);
    if (!phrasings) continue;
    const ids = Object.keys(phrasings);
    documentFrequency.set(term, ids.length);
    for (const shortId of ids) unitsOf[index.documentIds[shortId] as number]?.push(term);
  }
  const phrasingCount = references.filter((reference) => reference.phrasing >= 0).length;
  const stats: PhrasingStats = { vocabulary, documentFrequency, phrasingCount, totalWeight: [] };
  stats.totalWeight = unitsOf.map((units) => units.reduce((total, unit) => total + unitWeight(stats, unit), 0));
  return stats;
}

/** BM25's idf of a unit over phrasings, with bigrams weighted down; unknown units weigh most. */
function unitWeight(stats: PhrasingStats, unit: string): number {
  const frequency = stats.documentFrequency.get(unit) ?? 0;
  const idf = Math.log(1 + (stats.phrasingCount - frequency + 0.5) / (frequency + 0.5));
  return unit.includes('_') ? idf * LEXICAL_DEFAULTS.bigramCoverageWeight : idf;
}

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------

interface EntryAccumulator {
  match: LexicalMatch;
  quality: number;
  bestPhrasingScore: number;
  entryScore: number;
  /** Query units found in the best phrasing. */
  phrasingUnits: ReadonlySet<string>;
  /** Query units found in tags or answer text. */
  entryUnits: ReadonlySet<string>;
}

function searchIndex(
  miniSearch: MiniSearch<IndexDocument>,
  references: readonly DocumentReference[],
  stats: PhrasingStats,
  text: string,
): LexicalMatch[] {
  const analysis = analyse(text, { vocabulary: stats.vocabulary, maxTokens: LEXICAL_DEFAULTS.maxQueryTokens });
  const queryUnits = new Map<string, number>();
  for (const unit of [...analysis.words, ...bigrams(analysis.words)]) queryUnits.set(unit, unitWeight(stats, unit));
  const queryWeight = sum(queryUnits.values());
  if (queryUnits.size === 0 || queryWeight === 0) return [];
  const accentOf = new Map<string, string>();
  analysis.words.forEach((word, i) => {
    if (analysis.accents[i]) accentOf.set(word, analysis.accents[i]!);
  });

  const boosts = new Map<string, number>();
  const boost = (terms: Iterable<string>, value: number): void => {
    for (const term of terms) if (term !== '' && !boosts.has(term)) boosts.set(term, value);
  };
  boost(analysis.words, 1);
  boost(analysis.aliases.map(aliasTerm), 1);
  boost(bigrams(analysis.words), LEXICAL_DEFAULTS.bigramBoost);
  boost(analysis.accents, LEXICAL_DEFAULTS.accentBoost);

  const hits = miniSearch.search([...boosts.keys()].join(' '), {
    tokenize: (query) => query.split(' '),
    processTerm: (term) => term,
    boostTerm: (term) => boosts.get(term) ?? 1,
    boost: { q: 1, tags: LEXICAL_DEFAULTS.tagsBoost, body: LEXICAL_DEFAULTS.bodyBoost },
  });

  const byEntry = new Map<number, EntryAccumulator>();
  const accumulator = (entry: number): EntryAccumulator => {
    let found = byEntry.get(entry);
    if (!found) {
      found = {
        match: { entry, score: 0, phrasing: 0, queryCoverage: 0, phrasingCoverage: 0 },
        quality: -1,
        bestPhrasingScore: 0,
        entryScore: 0,
        phrasingUnits: new Set(),
        entryUnits: new Set(),
      };
      byEntry.set(entry, found);
    }
    return found;
  };

  for (const hit of hits) {
    const reference = references[hit.id as number]!;
    const found = accumulator(reference.entry);
    const matchedUnits = new Set(hit.queryTerms.filter((term) => queryUnits.has(term)));
    if (reference.phrasing < 0) {
      found.entryScore = hit.score;
      found.entryUnits = matchedUnits;
      continue;
    }
    const matchedTerms = new Set(hit.queryTerms);
    const matchedWeight = sum(
      [...matchedUnits].map((unit) => {
        // A word typed with accents that the phrasing has only with other accents counts less.
        const accent = accentOf.get(unit);
        const missed = accent !== undefined && !matchedTerms.has(accent);
        return queryUnits.get(unit)! * (missed ? LEXICAL_DEFAULTS.accentMissCoverage : 1);
      }),
    );
    const total = stats.totalWeight[hit.id as number]!;
    const phrasingCoverage = total > 0 ? Math.min(1, matchedWeight / total) : 0;
    const queryCoverage = matchedWeight / queryWeight;
    const { phrasingChoice } = LEXICAL_DEFAULTS;
    const quality = queryCoverage * phrasingChoice + phrasingCoverage * (1 - phrasingChoice);
    found.bestPhrasingScore = Math.max(found.bestPhrasingScore, hit.score);
    if (quality > found.quality) {
      found.quality = quality;
      found.phrasingUnits = matchedUnits;
      found.match.phrasing = reference.phrasing;
      found.match.queryCoverage = queryCoverage;
      found.match.phrasingCoverage = phrasingCoverage;
    }
  }

  const matches: LexicalMatch[] = [];
  for (const found of byEntry.values()) {
    const elsewhere = [...found.entryUnits].filter((unit) => !found.phrasingUnits.has(unit));
    const extra = sum(elsewhere.map((unit) => queryUnits.get(unit)!)) / queryWeight;
    found.match.queryCoverage = Math.min(1, found.match.queryCoverage + extra * LEXICAL_DEFAULTS.entryFieldCoverage);
    found.match.score = found.bestPhrasingScore + found.entryScore;
    matches.push(found.match);
  }
  return matches.sort((a, b) => b.score - a.score || a.entry - b.entry);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function isSerialisedLexical(data: unknown): data is SerialisedLexical {
  if (typeof data !== 'object' || data === null) return false;
  const { analyser, index } = data as Partial<SerialisedLexical>;
  return typeof analyser === 'string' && typeof index === 'object' && index !== null;
}

/**
 * Tuning of lexical retrieval. Boosts multiply BM25 scores: 1 is neutral; field boosts
 * usually lie in 0.1–1 here (phrasings are the strongest evidence), term boosts in 0.2–1.
 */
export const LEXICAL_DEFAULTS = Object.freeze({
  /** Weight of tags relative to a phrasing. */
  tagsBoost: 0.5,
  /** Weight of the answer text relative to a phrasing: enough to find, too little to win. */
  bodyBoost: 0.15,
  /** Weight of a bigram query term relative to a word. */
  bigramBoost: 0.6,
  /** Weight of an accent-exact query term, added on top of its folded form. */
  accentBoost: 0.35,
  /** Weight of a bigram relative to a word in the coverage numbers. */
  bigramCoverageWeight: 0.5,
  /** Share of coverage a word typed with accents earns when a phrasing has it with other accents. */
  accentMissCoverage: 0.8,
  /** Share of coverage a query unit earns when found only in tags or the answer text. */
  entryFieldCoverage: 0.5,
  /**
   * How an entry's best phrasing is chosen: this share of weight on query coverage, the rest
   * on phrasing coverage (0.5–0.9; higher prefers phrasings that explain the whole question).
   */
  phrasingChoice: 0.7,
  /** Query tokens read at most (a pasted page is cut). */
  maxQueryTokens: 64,
});
