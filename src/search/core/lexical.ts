import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { CorpusError } from '../../errors.js';
import { analyse, analyserId, hasEnglishKeywords, type Analysis, type Lexicon } from './analyse.js';
import { bigrams, deletionKeys, foldSyllable } from './normalise.js';
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
 * A question is searched once as typed and, when it holds English keywords, once more
 * with them translated (`analyse.ts`); each entry keeps the reading that explains the
 * question best. Candidates are the entries whose phrasings or tags share a word with
 * the question; the answer text only adds to their coverage.
 *
 * A search returns one {@link LexicalMatch} per entry: its BM25 score (best phrasing
 * plus tags) and the coverage numbers the gate decides with. Coverage weighs each unit
 * (folded word, or bigram the corpus has) by its idf over *topics*, the classes the
 * widget must tell apart.
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

export interface LexicalIndex {
  /** Folded words of all phrasings and tags, for Telex/VNI decoding and language guesses. */
  readonly vocabulary: ReadonlySet<string>;
  /** The same vocabulary with the statistics the analyser's guesses need. */
  readonly lexicon: Lexicon;
  /** Entries whose phrasings or tags match a query term, best BM25 score first. */
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
  let postings: PostingIndex;
  try {
    postings = postingIndex(data.index);
  } catch (error) {
    throw new CorpusError('dvc/search: the corpus index cannot be read; rebuild it with `npm run corpus:build`', {
      cause: error,
    });
  }
  if (postings.documentCount !== references.length) {
    throw new CorpusError(
      `dvc/search: the corpus index holds ${postings.documentCount} documents but its entries make ${references.length}; rebuild it`,
    );
  }
  const stats = phrasingStats(data.index, references, entries);
  const context: SearchContext = { postings, references, stats, lexicon: lexiconOf(stats) };
  return {
    vocabulary: stats.vocabulary,
    lexicon: context.lexicon,
    search: (text) => searchIndex(context, text),
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
// Scoring: BM25+ over the serialised postings
// ---------------------------------------------------------------------------------------

/**
 * The postings of the phrasing and tag fields, read once from MiniSearch's serialised
 * index. The query side scores them directly instead of loading a MiniSearch instance:
 * with a few hundred entries, MiniSearch's per-document bookkeeping (a result object, a
 * term list and a match map per document and term, merged term by term) cost most of the
 * query time and `loadJS` most of the load time, for the same BM25+ numbers.
 */
export interface PostingIndex {
  documentCount: number;
  /** Per term: the phrasing (`q`) and tag postings as parallel arrays of document ids and term frequencies. */
  terms: Map<string, { q?: FieldPostings; tags?: FieldPostings }>;
  /** Length of each document's field (distinct terms, as MiniSearch counts), by document id. */
  lengths: { q: Float64Array; tags: Float64Array };
  averages: { q: number; tags: number };
}

interface FieldPostings {
  documents: Int32Array;
  frequencies: Float64Array;
}

/**
 * Reads the phrasing and tag postings out of a serialised MiniSearch index.
 *
 * @throws TypeError when the data is not such an index
 * @example scoreDocuments(postingIndex(artifact.lexical.index), new Map([['khai', 1]]))
 */
export function postingIndex(index: AsPlainObject): PostingIndex {
  const documentCount = index.documentCount;
  const fieldIds = { q: index.fieldIds['q'], tags: index.fieldIds['tags'] };
  if (typeof fieldIds.q !== 'number' || typeof fieldIds.tags !== 'number' || !Array.isArray(index.index)) {
    throw new TypeError('not a MiniSearch index of phrasings and tags');
  }
  const idOf = (shortId: string): number => {
    const id = index.documentIds[shortId];
    if (typeof id !== 'number') throw new TypeError(`unknown short id ${shortId}`);
    return id;
  };
  const lengths = { q: new Float64Array(documentCount), tags: new Float64Array(documentCount) };
  for (const [shortId, fieldLengths] of Object.entries(index.fieldLength)) {
    const id = idOf(shortId);
    lengths.q[id] = fieldLengths[fieldIds.q] ?? 0;
    lengths.tags[id] = fieldLengths[fieldIds.tags] ?? 0;
  }
  const read = (postings: Record<string, number> | undefined): FieldPostings | undefined => {
    if (!postings) return undefined;
    const ids = Object.keys(postings);
    const documents = new Int32Array(ids.length);
    const frequencies = new Float64Array(ids.length);
    ids.forEach((shortId, i) => {
      documents[i] = idOf(shortId);
      frequencies[i] = postings[shortId]!;
    });
    return { documents, frequencies };
  };
  const terms = new Map<string, { q?: FieldPostings; tags?: FieldPostings }>();
  for (const [term, fields] of index.index) {
    const q = read(fields[String(fieldIds.q)]);
    const tags = read(fields[String(fieldIds.tags)]);
    if (q || tags) terms.set(term, { q, tags });
  }
  return {
    documentCount,
    terms,
    lengths,
    averages: { q: index.averageFieldLength[fieldIds.q] ?? 1, tags: index.averageFieldLength[fieldIds.tags] ?? 1 },
  };
}

export interface ScoredDocument {
  /** Document id (position in the references). */
  id: number;
  /** BM25+ over the matched query terms, times their number (MiniSearch's coordination factor). */
  score: number;
  /** The query terms the document holds. */
  terms: string[];
}

/**
 * BM25+ (k = 1.2, b = 0.7, δ = 0.5, MiniSearch's defaults and formula) of every document
 * holding a query term, phrasings and tags weighted by field, each term by its boost;
 * the same numbers as MiniSearch's `search` with those boosts (a test checks it).
 *
 * @param boosts - query terms (index terms: folded words, bigrams, accented forms, `=aliases`) and their boosts
 * @returns the documents found, best first
 */
export function scoreDocuments(index: PostingIndex, boosts: ReadonlyMap<string, number>): ScoredDocument[] {
  const { k, b, d } = BM25;
  const found = new Map<number, ScoredDocument>();
  const fieldBoosts = [
    ['q', 1],
    ['tags', LEXICAL_DEFAULTS.tagsBoost],
  ] as const;
  for (const [term, termBoost] of boosts) {
    const postings = index.terms.get(term);
    if (!postings) continue;
    for (const [field, fieldBoost] of fieldBoosts) {
      const list = postings[field];
      if (!list) continue;
      const matching = list.documents.length;
      const idf = Math.log(1 + (index.documentCount - matching + 0.5) / (matching + 0.5));
      const average = index.averages[field];
      const lengths = index.lengths[field];
      for (let i = 0; i < matching; i++) {
        const id = list.documents[i]!;
        const frequency = list.frequencies[i]!;
        const normalised = k * (1 - b + (b * lengths[id]!) / average);
        const score = termBoost * fieldBoost * idf * (d + (frequency * (k + 1)) / (frequency + normalised));
        const scored = found.get(id);
        if (scored) {
          scored.score += score;
          if (!scored.terms.includes(term)) scored.terms.push(term);
        } else found.set(id, { id, score, terms: [term] });
      }
    }
  }
  const results = [...found.values()];
  for (const scored of results) scored.score *= scored.terms.length;
  // Best first: among phrasings of one entry that explain the question equally, the
  // better-scoring one is taken as the entry's best phrasing.
  return results.sort((x, y) => y.score - x.score || x.id - y.id);
}

/** MiniSearch's BM25+ parameters, so scores match what the library would compute. */
const BM25 = Object.freeze({ k: 1.2, b: 0.7, d: 0.5 });

// ---------------------------------------------------------------------------------------
// Statistics for coverage and the query lexicon
// ---------------------------------------------------------------------------------------

interface PhrasingStats {
  vocabulary: Set<string>;
  /** Every folded word of the index, answer text included. */
  known: Set<string>;
  /** Number of phrasings containing each unit (folded word or bigram). */
  documentFrequency: Map<string, number>;
  /** Number of topics whose entries contain each unit in a phrasing or a tag. */
  topicFrequency: Map<string, number>;
  topicCount: number;
  /** Entries whose answer text contains each folded word. */
  bodyEntries: Map<string, number[]>;
  /** Number of phrasings and tag lists containing each bigram. */
  bigramFrequency: Map<string, number>;
  phrasingCount: number;
  /** Sum of unit weights of each phrasing document, by document id (0 for entry-level documents). */
  totalWeight: number[];
}

/**
 * Coverage statistics, read from the serialised postings rather than by analysing every
 * phrasing again: loading stays a pass over the index, which matters on slow phones.
 */
function phrasingStats(
  index: AsPlainObject,
  references: readonly DocumentReference[],
  entries: readonly CorpusEntry[],
): PhrasingStats {
  const phrasingField = String(index.fieldIds['q']);
  const tagsField = String(index.fieldIds['tags']);
  const bodyField = String(index.fieldIds['body']);
  const bodyEntries = new Map<string, number[]>();
  const vocabulary = new Set<string>();
  const known = new Set<string>();
  const documentFrequency = new Map<string, number>();
  const bigramFrequency = new Map<string, number>();
  const topicFrequency = new Map<string, number>();
  const unitsOf: string[][] = references.map(() => []);
  const topicOf = (shortId: string): string => entries[references[index.documentIds[shortId] as number]?.entry ?? -1]?.topic ?? '';
  for (const [term, fields] of index.index) {
    if (!isUnit(term)) continue;
    const phrasings = fields[phrasingField];
    const tags = fields[tagsField];
    const body = fields[bodyField];
    if (body) bodyEntries.set(term, [...new Set(Object.keys(body).map((shortId) => references[index.documentIds[shortId] as number]?.entry ?? -1))]);
    const bigram = term.includes('_');
    if (!bigram) known.add(term);
    if (!bigram && (phrasings || tags)) vocabulary.add(term);
    if (phrasings || tags) {
      const ids = [...Object.keys(phrasings ?? {}), ...Object.keys(tags ?? {})];
      if (bigram) bigramFrequency.set(term, ids.length);
      topicFrequency.set(term, new Set(ids.map(topicOf)).size);
    }
    if (!phrasings) continue;
    const ids = Object.keys(phrasings);
    documentFrequency.set(term, ids.length);
    for (const shortId of ids) unitsOf[index.documentIds[shortId] as number]?.push(term);
  }
  const phrasingCount = references.filter((reference) => reference.phrasing >= 0).length;
  const topicCount = new Set(entries.map((entry) => entry.topic)).size;
  const stats: PhrasingStats = {
    vocabulary,
    known,
    documentFrequency,
    bigramFrequency,
    topicFrequency,
    topicCount,
    bodyEntries,
    phrasingCount,
    totalWeight: [],
  };
  stats.totalWeight = unitsOf.map((units) => units.reduce((total, unit) => total + unitWeight(stats, unit), 0));
  return stats;
}

/**
 * BM25's idf of a unit over *entries* (phrasings and tags), with bigrams weighted down;
 * unknown units weigh most. Counted per entry, not per phrasing: an entry that says
 * "khai sinh" in all its ten phrasings must not make "khai sinh" look as common as
 * "bao nhiêu", which ten different entries ask.
 */
function unitWeight(stats: PhrasingStats, unit: string): number {
  const frequency = stats.topicFrequency.get(unit) ?? 0;
  const idf = Math.log(1 + (stats.topicCount - frequency + 0.5) / (frequency + 0.5));
  return unit.includes('_') ? idf * LEXICAL_DEFAULTS.bigramCoverageWeight : idf;
}

/**
 * The query side's view of the vocabulary (see `Lexicon` in `analyse.ts`). The
 * one-deletion index for typing slips is built at the first query that needs it
 * (a few milliseconds), not at load.
 */
function lexiconOf(stats: PhrasingStats): Lexicon {
  let deletions: Map<string, string[]> | undefined;
  const neighbours = (word: string): string[] => {
    if (!deletions) {
      deletions = new Map();
      for (const known of stats.vocabulary) {
        if (!/^[a-z]+$/.test(known)) continue;
        for (const key of deletionKeys(known)) {
          const list = deletions.get(key);
          if (list) list.push(known);
          else deletions.set(key, [known]);
        }
      }
    }
    const found = new Set<string>();
    for (const key of deletionKeys(word)) for (const candidate of deletions.get(key) ?? []) found.add(candidate);
    found.delete(word);
    return [...found];
  };
  return {
    vocabulary: stats.vocabulary,
    known: (word) => stats.known.has(word),
    bigramFrequency: (first, second) => stats.bigramFrequency.get(`${first}_${second}`) ?? 0,
    frequency: (word) => stats.documentFrequency.get(word) ?? 0,
    neighbours,
  };
}

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------

interface EntryAccumulator {
  match: LexicalMatch;
  /** How well the best phrasing explains the question (see `phrasingChoice`). */
  quality: number;
  bestPhrasingScore: number;
  entryScore: number;
  /** Query units found in the best phrasing. */
  phrasingUnits: readonly string[];
  /** Query units found anywhere in the entry: any phrasing, the tags, the answer text. */
  entryUnits: Set<string>;
}

interface SearchContext {
  postings: PostingIndex;
  references: readonly DocumentReference[];
  stats: PhrasingStats;
  lexicon: Lexicon;
}

/**
 * Searches every reading of the question (as typed; and with English keywords translated,
 * when it has some) and keeps, per entry, the reading that explains the question best.
 */
function searchIndex(context: SearchContext, text: string): LexicalMatch[] {
  const { maxQueryTokens } = LEXICAL_DEFAULTS;
  const readings = [analyse(text, { lexicon: context.lexicon, maxTokens: maxQueryTokens })];
  if (hasEnglishKeywords(text, maxQueryTokens)) {
    readings.push(analyse(text, { lexicon: context.lexicon, maxTokens: maxQueryTokens, translate: true }));
  }
  const best = new Map<number, EntryAccumulator>();
  for (const reading of readings) {
    for (const found of searchReading(context, reading)) {
      const known = best.get(found.match.entry);
      if (!known || found.quality > known.quality) best.set(found.match.entry, found);
    }
  }
  return [...best.values()].map(({ match }) => match).sort((a, b) => b.score - a.score || a.entry - b.entry);
}

/** One reading of the question against the index: evidence per entry. */
function searchReading({ postings, references, stats }: SearchContext, analysis: Analysis): EntryAccumulator[] {
  const queryUnits = new Map<string, number>();
  for (const unit of analysis.words) queryUnits.set(unit, unitWeight(stats, unit));
  // A pair of words that no phrasing holds is only the seam between two ideas ("zalo trung
  // tâm"): its words count already, so it is no unit of the question.
  for (const unit of bigrams(analysis.words)) if (stats.topicFrequency.has(unit)) queryUnits.set(unit, unitWeight(stats, unit));
  let queryWeight = 0;
  for (const weight of queryUnits.values()) queryWeight += weight;
  if (queryUnits.size === 0 || queryWeight === 0) return [];
  const guessed = new Set(analysis.words.filter((_, i) => analysis.guessed[i]));
  const accentOf = new Map<string, string>();
  analysis.words.forEach((word, i) => {
    if (analysis.accents[i]) accentOf.set(word, analysis.accents[i]!);
  });
  /** Coverage credit of a matched unit: less for guessed words and for accents that differ. */
  const credit = (unit: string, matchedTerms: readonly string[]): number => {
    let value = queryUnits.get(unit)!;
    if (guessed.size > 0 && unit.split('_').some((part) => guessed.has(part))) value *= LEXICAL_DEFAULTS.guessedCoverage;
    // A word typed with accents that the phrasing has only with other accents is likely another word.
    const accent = accentOf.get(unit);
    if (accent !== undefined && !matchedTerms.includes(accent)) value *= LEXICAL_DEFAULTS.accentMissCoverage;
    return value;
  };

  const boosts = new Map<string, number>();
  const boost = (terms: Iterable<string>, value: number): void => {
    for (const term of terms) if (term !== '' && !boosts.has(term)) boosts.set(term, value);
  };
  boost(analysis.words, 1);
  boost(analysis.aliases.map(aliasTerm), 1);
  boost(bigrams(analysis.words), LEXICAL_DEFAULTS.bigramBoost);
  boost(analysis.accents, LEXICAL_DEFAULTS.accentBoost);

  const hits = scoreDocuments(postings, boosts);
  const { phrasingChoice } = LEXICAL_DEFAULTS;
  const byEntry = new Map<number, EntryAccumulator>();
  for (const hit of hits) {
    const reference = references[hit.id]!;
    let found = byEntry.get(reference.entry);
    if (!found) {
      found = {
        match: { entry: reference.entry, score: 0, phrasing: 0, queryCoverage: 0, phrasingCoverage: 0 },
        quality: -1,
        bestPhrasingScore: 0,
        entryScore: 0,
        phrasingUnits: [],
        entryUnits: new Set(),
      };
      byEntry.set(reference.entry, found);
    }
    const matchedUnits = hit.terms.filter((term) => queryUnits.has(term));
    for (const unit of matchedUnits) found.entryUnits.add(unit);
    if (reference.phrasing < 0) {
      found.entryScore = hit.score;
      continue;
    }
    let matchedWeight = 0;
    for (const unit of matchedUnits) matchedWeight += credit(unit, hit.terms);
    const total = stats.totalWeight[hit.id]!;
    const phrasingCoverage = total > 0 ? Math.min(1, matchedWeight / total) : 0;
    const queryCoverage = matchedWeight / queryWeight;
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

  for (const unit of queryUnits.keys()) {
    for (const entry of stats.bodyEntries.get(unit) ?? []) byEntry.get(entry)?.entryUnits.add(unit);
  }
  const found = [...byEntry.values()];
  for (const item of found) {
    const { match } = item;
    // Words of the question that the entry has elsewhere (its other phrasings, tags, answer)
    // count part: an entry is one answer, whichever of its phrasings says which word.
    let elsewhere = 0;
    for (const unit of item.entryUnits) if (!item.phrasingUnits.includes(unit)) elsewhere += queryUnits.get(unit)!;
    match.queryCoverage = Math.min(1, match.queryCoverage + (elsewhere / queryWeight) * LEXICAL_DEFAULTS.entryFieldCoverage);
    match.score = item.bestPhrasingScore + item.entryScore;
    item.quality = Math.max(0, match.queryCoverage * phrasingChoice + match.phrasingCoverage * (1 - phrasingChoice));
  }
  return found;
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
