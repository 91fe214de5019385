import { CorpusError } from '../../errors.js';
import { analyse, analyserId, hasEnglishKeywords, type Analysis, type Lexicon } from './analyse.js';
import { bigrams, deletionKeys, foldSyllable } from './normalise.js';
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
 */

/** What the artifact records of the lexical side (`CorpusArtifact.lexical`). */
export interface SerialisedLexical {
  /**
   * {@link analyserId} of the compiler's analyser. Informational: the engine indexes the
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

// ---------------------------------------------------------------------------------------
// Documents and terms
// ---------------------------------------------------------------------------------------

/** One indexed document's text, by field. */
export interface IndexDocument {
  id: number;
  q?: string;
  tags?: string;
  body?: string;
}

/**
 * Index documents of the entries: each phrasing, then one entry-level document per entry.
 * Exported for the test that checks the scores against MiniSearch's.
 */
export function documentsOf(entries: readonly CorpusEntry[]): IndexDocument[] {
  const docs: IndexDocument[] = [];
  for (const entry of entries) {
    for (const text of [entry.title, ...entry.questions]) docs.push({ id: docs.length, q: text });
    docs.push({ id: docs.length, tags: entry.tags.join('\n'), body: plainText(entry.answer) });
  }
  return docs;
}

/** Markdown without link targets and bare URLs; the tokenizer drops the rest of the markup. */
function plainText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
}

/** Index terms of a field's text (exported with {@link documentsOf}). */
export function termsOf(text: string, field: string | undefined): string[] {
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

// ---------------------------------------------------------------------------------------
// The inverted index
// ---------------------------------------------------------------------------------------

/** Postings of one field, all terms in one array: term `t` owns `[start[t], start[t + 1])`. */
interface FieldPostings {
  start: Int32Array;
  docs: Int32Array;
  /** BM25+'s term-frequency part of each posting, `δ + f(k + 1) / (f + k(1 − b + b·len/avg))`. */
  tf: Float64Array;
  /** BM25+'s idf of each term in this field. */
  idf: Float64Array;
  /** Largest `tf` of each term: with the idf and the boosts, its largest contribution to a score. */
  maxTf: Float64Array;
}

interface PostingIndex {
  /** Term → term id. */
  terms: Map<string, number>;
  /** Term id → term. */
  names: string[];
  documentCount: number;
  q: FieldPostings;
  tags: FieldPostings;
  /** Per term: the entries whose answer text holds it (ascending), or undefined. */
  body: (Int32Array | undefined)[];
  /** Entry of each document. */
  documentEntry: Int32Array;
  /** Phrasing of each document (0 = title, i = question i), -1 for the entry-level document. */
  documentPhrasing: Int32Array;
  /** First document of each entry, and one past the last at `entryCount`. */
  entryStart: Int32Array;
  entryCount: number;
}

/** MiniSearch's BM25+ parameters, so scores match what the library computes (a test checks it). */
const BM25 = Object.freeze({ k: 1.2, b: 0.7, d: 0.5 });

/**
 * Builds the postings of the phrasing and tag fields (and which entries' answers hold which
 * term) with MiniSearch's counting: field length = distinct terms, term frequency = every
 * occurrence, the average field length kept the way MiniSearch keeps it, so the BM25+
 * numbers are MiniSearch's.
 */
function buildPostings(entries: readonly CorpusEntry[]): PostingIndex {
  const docs = documentsOf(entries);
  const terms = new Map<string, number>();
  const names: string[] = [];
  const documentEntry = new Int32Array(docs.length);
  const documentPhrasing = new Int32Array(docs.length);
  const entryStart = new Int32Array(entries.length + 1);
  let position = 0;
  entries.forEach((entry, entryIndex) => {
    entryStart[entryIndex] = position;
    for (let phrasing = 0; phrasing <= entry.questions.length; phrasing++) {
      documentEntry[position] = entryIndex;
      documentPhrasing[position++] = phrasing;
    }
    documentEntry[position] = entryIndex;
    documentPhrasing[position++] = -1;
  });
  entryStart[entries.length] = position;

  // One pass over the documents collects (term, document, frequency) triples per field, in
  // document order; a counting sort by term then lays them out as postings. Term frequencies
  // are counted with per-term stamps instead of a map per document.
  type Triples = { term: number[]; doc: number[]; frequency: number[]; lengths: Float64Array; average: number };
  const triples = (): Triples => ({ term: [], doc: [], frequency: [], lengths: new Float64Array(docs.length), average: 0 });
  const fields = { q: triples(), tags: triples(), body: triples() };
  let stamp: Int32Array = new Int32Array(1024);
  let count: Int32Array = new Int32Array(1024);
  let field = 0;
  const distinct: number[] = [];
  const average = (current: number, id: number, length: number): number => (current * id + length) / (id + 1);
  for (const doc of docs) {
    for (const name of ['q', 'tags', 'body'] as const) {
      const text = doc[name];
      if (text === undefined) continue;
      field++;
      distinct.length = 0;
      let empty = false;
      for (const token of termsOf(text, name)) {
        if (token === '') {
          empty = true;
          continue;
        }
        let id = terms.get(token);
        if (id === undefined) {
          id = names.length;
          terms.set(token, id);
          names.push(token);
          if (id === stamp.length) {
            stamp = growTo(stamp, id * 2);
            count = growTo(count, id * 2);
          }
        }
        if (stamp[id] !== field) {
          stamp[id] = field;
          count[id] = 0;
          distinct.push(id);
        }
        count[id]!++;
      }
      // MiniSearch's field length: distinct tokens, the empty one included.
      const length = distinct.length + (empty ? 1 : 0);
      const target = fields[name];
      target.lengths[doc.id] = length;
      target.average = average(target.average, doc.id, length);
      for (const id of distinct) {
        target.term.push(id);
        target.doc.push(name === 'body' ? documentEntry[doc.id]! : doc.id);
        target.frequency.push(count[id]!);
      }
    }
  }
  const layout = ({ term, doc, frequency }: Triples): { start: Int32Array; docs: Int32Array; frequency: Int32Array } => {
    const start = new Int32Array(names.length + 1);
    for (const id of term) start[id + 1]!++;
    for (let id = 0; id < names.length; id++) start[id + 1]! += start[id]!;
    const next = start.slice(0, names.length);
    const laidDocs = new Int32Array(term.length);
    const laidFrequency = new Int32Array(term.length);
    term.forEach((id, i) => {
      const at = next[id]!++;
      laidDocs[at] = doc[i]!;
      laidFrequency[at] = frequency[i]!;
    });
    return { start, docs: laidDocs, frequency: laidFrequency };
  };
  const flatten = (source: Triples): FieldPostings => {
    const { k, b, d } = BM25;
    const { start, docs: ids, frequency } = layout(source);
    const tf = new Float64Array(ids.length);
    const idf = new Float64Array(names.length);
    const maxTf = new Float64Array(names.length);
    for (let term = 0; term < names.length; term++) {
      const from = start[term]!;
      const to = start[term + 1]!;
      idf[term] = Math.log(1 + (docs.length - (to - from) + 0.5) / (to - from + 0.5));
      for (let i = from; i < to; i++) {
        const normalised = k * (1 - b + (b * source.lengths[ids[i]!]!) / source.average);
        const value = d + (frequency[i]! * (k + 1)) / (frequency[i]! + normalised);
        tf[i] = value;
        if (value > maxTf[term]!) maxTf[term] = value;
      }
    }
    return { start, docs: ids, tf, idf, maxTf };
  };
  const body = layout(fields.body);
  return {
    terms,
    names,
    documentCount: docs.length,
    q: flatten(fields.q),
    tags: flatten(fields.tags),
    body: names.map((_, id) => (body.start[id] === body.start[id + 1] ? undefined : body.docs.subarray(body.start[id], body.start[id + 1]))),
    documentEntry,
    documentPhrasing,
    entryStart,
    entryCount: entries.length,
  };
}

/** A copy of the array with room for `length` values. */
function growTo(array: Int32Array, length: number): Int32Array {
  const bigger = new Int32Array(Math.max(length, array.length + 1));
  bigger.set(array);
  return bigger;
}

// ---------------------------------------------------------------------------------------
// Statistics for coverage and the query lexicon
// ---------------------------------------------------------------------------------------

interface CorpusStats {
  vocabulary: Set<string>;
  /** Every folded word of the index, answer text included. */
  known: Set<string>;
  /** Number of phrasings containing each unit (folded word or bigram). */
  documentFrequency: Map<string, number>;
  /** Number of topics whose entries contain each unit in a phrasing or a tag. */
  topicFrequency: Map<string, number>;
  topicCount: number;
  /** Number of phrasings and tag lists containing each bigram. */
  bigramFrequency: Map<string, number>;
  /** Sum of unit weights of each phrasing document, by document id (0 for entry-level documents). */
  totalWeight: Float64Array;
  /** Language of each entry: 0 vi, 1 en. */
  entryLang: Uint8Array;
  /** Topic of each entry, as a number. */
  entryTopic: Int32Array;
}

function corpusStats(index: PostingIndex, entries: readonly CorpusEntry[]): CorpusStats {
  const vocabulary = new Set<string>();
  const known = new Set<string>();
  const documentFrequency = new Map<string, number>();
  const bigramFrequency = new Map<string, number>();
  const topicFrequency = new Map<string, number>();
  const topicIds = new Map<string, number>();
  const entryTopic = Int32Array.from(entries, (entry) => {
    if (!topicIds.has(entry.topic)) topicIds.set(entry.topic, topicIds.size);
    return topicIds.get(entry.topic)!;
  });
  const topicSeen = new Int32Array(topicIds.size).fill(-1);
  const phrasingUnits: number[] = [];
  const { q, tags } = index;
  index.names.forEach((term, id) => {
    if (!isUnit(term)) return;
    const inPhrasings = q.start[id + 1]! - q.start[id]!;
    const inTags = tags.start[id + 1]! - tags.start[id]!;
    const bigram = term.includes('_');
    if (!bigram) known.add(term);
    if (inPhrasings + inTags === 0) return;
    if (!bigram) vocabulary.add(term);
    if (bigram) bigramFrequency.set(term, inPhrasings + inTags);
    let topics = 0;
    for (const field of [q, tags]) {
      for (let i = field.start[id]!; i < field.start[id + 1]!; i++) {
        const topic = entryTopic[index.documentEntry[field.docs[i]!]!]!;
        if (topicSeen[topic] !== id) {
          topicSeen[topic] = id;
          topics++;
        }
      }
    }
    topicFrequency.set(term, topics);
    if (inPhrasings === 0) return;
    documentFrequency.set(term, inPhrasings);
    phrasingUnits.push(id);
  });
  const stats: CorpusStats = {
    vocabulary,
    known,
    documentFrequency,
    bigramFrequency,
    topicFrequency,
    topicCount: topicIds.size,
    totalWeight: new Float64Array(index.documentCount),
    entryLang: Uint8Array.from(entries, (entry) => (entry.lang === 'en' ? 1 : 0)),
    entryTopic,
  };
  // Each phrasing's total, summed over its units in term order.
  for (const id of phrasingUnits) {
    const weight = unitWeight(stats, index.names[id]!);
    for (let i = q.start[id]!; i < q.start[id + 1]!; i++) stats.totalWeight[q.docs[i]!]! += weight;
  }
  return stats;
}

/**
 * BM25's idf of a unit over *topics* (phrasings and tags), with bigrams weighted down;
 * unknown units weigh most. Counted per topic, not per phrasing: an entry that says
 * "khai sinh" in all its ten phrasings must not make "khai sinh" look as common as
 * "bao nhiêu", which ten different entries ask.
 */
function unitWeight(stats: CorpusStats, unit: string): number {
  const frequency = stats.topicFrequency.get(unit) ?? 0;
  const idf = Math.log(1 + (stats.topicCount - frequency + 0.5) / (frequency + 0.5));
  return unit.includes('_') ? idf * LEXICAL_DEFAULTS.bigramCoverageWeight : idf;
}

/**
 * The query side's view of the vocabulary (see `Lexicon` in `analyse.ts`). The
 * one-deletion index for typing slips is built at the first query that needs it
 * (a few milliseconds), not at load.
 */
function lexiconOf(stats: CorpusStats): Lexicon {
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
// Scoring
// ---------------------------------------------------------------------------------------

/**
 * Per-query working memory, allocated once per index (one per reading of a question) and
 * reused: a query marks what it touches with a new generation number instead of clearing.
 */
interface Scratch {
  generation: number;
  /** Generation that last touched each document / entry. */
  documentSeen: Int32Array;
  entrySeen: Int32Array;
  /** BM25 sum of each touched document (before the coordination factor). */
  score: Float64Array;
  /** Query terms each touched document holds. */
  matched: Int32Array;
  /** Sum of the weights of the query units each touched document holds (a coverage bound). */
  unitSum: Float64Array;
  /** Touched entries, in order of first touch. */
  entries: Int32Array;
  entryCount: number;
  /** Sum of the weights of the query units each touched entry's answer text holds. */
  bodyWeight: Float64Array;
  /** Matches as linked lists per document: `head[doc]` → (term, next) in the pools. */
  head: Int32Array;
  poolTerm: Int32Array;
  poolNext: Int32Array;
  poolSize: number;
  /** Same for query units found in an entry's answer text: `bodyHead[entry]`. */
  bodyHead: Int32Array;
  bodyUnit: Int32Array;
  bodyNext: Int32Array;
  bodySize: number;
}

function scratchFor(index: PostingIndex): Scratch {
  const docs = index.documentCount;
  const entries = index.entryCount;
  return {
    generation: 0,
    documentSeen: new Int32Array(docs),
    entrySeen: new Int32Array(entries),
    score: new Float64Array(docs),
    matched: new Int32Array(docs),
    unitSum: new Float64Array(docs),
    entries: new Int32Array(entries),
    entryCount: 0,
    bodyWeight: new Float64Array(entries),
    head: new Int32Array(docs),
    poolTerm: new Int32Array(1024),
    poolNext: new Int32Array(1024),
    poolSize: 0,
    bodyHead: new Int32Array(entries),
    bodyUnit: new Int32Array(256),
    bodyNext: new Int32Array(256),
    bodySize: 0,
  };
}

/** Doubles a pool's capacity. */
function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** A query term: an index term with its boost, and what it counts for in coverage. */
interface QueryTerm {
  /** Index term id, -1 when the index does not hold the term. */
  id: number;
  boost: number;
  /** Position among the query's units, -1 when the term is no unit (accented form, alias, seam). */
  unit: number;
  /** The unit's weight in coverage; 0 for other terms. */
  weight: number;
}

/**
 * BM25+ (k = 1.2, b = 0.7, δ = 0.5, MiniSearch's formula) of every document holding a
 * query term, phrasings and tags weighted by field, each term by its boost, times the
 * number of terms matched (MiniSearch's coordination factor). Fills the scratch: touched
 * documents and entries, each document's sum and matched terms.
 */
function accumulate(index: PostingIndex, scratch: Scratch, terms: readonly QueryTerm[]): void {
  const generation = ++scratch.generation;
  scratch.entryCount = 0;
  scratch.poolSize = 0;
  scratch.bodySize = 0;
  const fieldBoosts = [
    [index.q, 1],
    [index.tags, LEXICAL_DEFAULTS.tagsBoost],
  ] as const;
  for (let t = 0; t < terms.length; t++) {
    const { id, boost, weight } = terms[t]!;
    if (id < 0) continue;
    for (const [field, fieldBoost] of fieldBoosts) {
      const from = field.start[id]!;
      const to = field.start[id + 1]!;
      if (from === to) continue;
      const factor = boost * fieldBoost * field.idf[id]!;
      for (let i = from; i < to; i++) {
        const doc = field.docs[i]!;
        const value = factor * field.tf[i]!;
        if (scratch.documentSeen[doc] !== generation) {
          scratch.documentSeen[doc] = generation;
          scratch.score[doc] = value;
          scratch.matched[doc] = 1;
          scratch.unitSum[doc] = weight;
          scratch.head[doc] = -1;
          const entry = index.documentEntry[doc]!;
          if (scratch.entrySeen[entry] !== generation) {
            scratch.entrySeen[entry] = generation;
            scratch.bodyHead[entry] = -1;
            scratch.bodyWeight[entry] = 0;
            scratch.entries[scratch.entryCount++] = entry;
          }
        } else {
          scratch.score[doc]! += value;
          scratch.matched[doc]!++;
          scratch.unitSum[doc]! += weight;
        }
        if (scratch.poolSize === scratch.poolTerm.length) {
          scratch.poolTerm = grow(scratch.poolTerm);
          scratch.poolNext = grow(scratch.poolNext);
        }
        scratch.poolTerm[scratch.poolSize] = t;
        scratch.poolNext[scratch.poolSize] = scratch.head[doc]!;
        scratch.head[doc] = scratch.poolSize++;
      }
    }
  }
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

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------

interface SearchContext {
  index: PostingIndex;
  stats: CorpusStats;
  lexicon: Lexicon;
  /** One scratch per reading of a question, made when first needed. */
  scratches: Scratch[];
  /** Per entry, for pruned searches: generation stamp and bounds over all readings. */
  merged?: MergedBounds;
}

function scratchOf(context: SearchContext, reading: number): Scratch {
  return (context.scratches[reading] ??= scratchFor(context.index));
}

/** One entry's evidence for one reading, with how well its best phrasing explains the question. */
interface Found {
  match: LexicalMatch;
  quality: number;
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

/**
 * Searches every reading of the question (as typed; and with English keywords translated,
 * when it has some) and keeps, per entry, the reading that explains the question best.
 */
function searchIndex(context: SearchContext, text: string, pruning: LexicalPruning | undefined): PrunedSearch {
  const { maxQueryTokens } = LEXICAL_DEFAULTS;
  const analyses = [analyse(text, { lexicon: context.lexicon, maxTokens: maxQueryTokens })];
  if (hasEnglishKeywords(text, maxQueryTokens)) {
    analyses.push(analyse(text, { lexicon: context.lexicon, maxTokens: maxQueryTokens, translate: true }));
  }
  const readings: Evidence[] = [];
  analyses.forEach((analysis, i) => {
    const reading = prepareReading(context, analysis, scratchOf(context, i));
    if (reading) readings.push(reading);
  });
  if (pruning) return prunedSearch(context, readings, pruning);
  const best = new Map<number, Found>();
  for (const reading of readings) {
    for (const entry of reading.scratch.entries.subarray(0, reading.scratch.entryCount)) {
      const found = entryEvidence(reading, entry);
      const known = best.get(entry);
      if (!known || found.quality > known.quality) best.set(entry, found);
    }
  }
  return { matches: [...best.values()].map(({ match }) => match).sort(byScore), omitted: { vi: -Infinity, en: -Infinity } };
}

function byScore(a: LexicalMatch, b: LexicalMatch): number {
  return b.score - a.score || a.entry - b.entry;
}

/** What {@link entryEvidence} needs of one reading of the question. */
interface Evidence {
  index: PostingIndex;
  stats: CorpusStats;
  scratch: Scratch;
  terms: readonly QueryTerm[];
  unitWeights: Float64Array;
  fullCredit: Float64Array;
  accentTerm: Int32Array;
  queryWeight: number;
  /** Marks (by {@link Evidence.mark}) of the terms of the document at hand, of units found in the entry and in its best phrasing. */
  termMark: Int32Array;
  unitInEntry: Int32Array;
  unitInPhrasing: Int32Array;
  mark: number;
}

/** Analyses one reading of the question and scores the index for it; null when it has no unit. */
function prepareReading(context: SearchContext, analysis: Analysis, scratch: Scratch): Evidence | null {
  const { index, stats } = context;
  const queryUnits = new Map<string, number>();
  for (const unit of analysis.words) queryUnits.set(unit, unitWeight(stats, unit));
  // A pair of words that no phrasing holds is only the seam between two ideas ("zalo trung
  // tâm"): its words count already, so it is no unit of the question.
  for (const unit of bigrams(analysis.words)) if (stats.topicFrequency.has(unit)) queryUnits.set(unit, unitWeight(stats, unit));
  let queryWeight = 0;
  for (const weight of queryUnits.values()) queryWeight += weight;
  if (queryUnits.size === 0 || queryWeight === 0) return null;

  const boosts = new Map<string, number>();
  const boost = (terms: Iterable<string>, value: number): void => {
    for (const term of terms) if (term !== '' && !boosts.has(term)) boosts.set(term, value);
  };
  boost(analysis.words, 1);
  boost(analysis.aliases.map(aliasTerm), 1);
  boost(bigrams(analysis.words), LEXICAL_DEFAULTS.bigramBoost);
  boost(analysis.accents, LEXICAL_DEFAULTS.accentBoost);
  const position = new Map([...boosts.keys()].map((term, i) => [term, i]));
  const unitNames = [...queryUnits.keys()];
  const unitIndex = new Map(unitNames.map((unit, i) => [unit, i]));
  const terms: QueryTerm[] = [...boosts].map(([term, value]) => {
    const unit = unitIndex.get(term) ?? -1;
    return { id: index.terms.get(term) ?? -1, boost: value, unit, weight: unit >= 0 ? queryUnits.get(term)! : 0 };
  });

  // Coverage credit of each unit: less for guessed words, and less again when a word typed
  // with accents is matched without them (the phrasing likely has another word). The
  // accented term of a unit, when the question has one, decides the second.
  const guessed = new Set(analysis.words.filter((_, i) => analysis.guessed[i]));
  const accentOf = new Map<string, string>();
  analysis.words.forEach((word, i) => {
    if (analysis.accents[i]) accentOf.set(word, analysis.accents[i]!);
  });
  const unitWeights = new Float64Array(unitNames.length);
  const fullCredit = new Float64Array(unitNames.length);
  const accentTerm = new Int32Array(unitNames.length).fill(-1);
  unitNames.forEach((unit, u) => {
    unitWeights[u] = queryUnits.get(unit)!;
    let value = unitWeights[u]!;
    if (guessed.size > 0 && unit.split('_').some((part) => guessed.has(part))) value *= LEXICAL_DEFAULTS.guessedCoverage;
    fullCredit[u] = value;
    const accent = accentOf.get(unit);
    if (accent !== undefined) accentTerm[u] = position.get(accent) ?? -1;
  });

  accumulate(index, scratch, terms);
  for (let u = 0; u < unitNames.length; u++) {
    const id = index.terms.get(unitNames[u]!);
    const holders = id === undefined ? undefined : index.body[id];
    if (!holders) continue;
    for (const entry of holders) {
      if (scratch.entrySeen[entry] !== scratch.generation) continue;
      if (scratch.bodySize === scratch.bodyUnit.length) {
        scratch.bodyUnit = grow(scratch.bodyUnit);
        scratch.bodyNext = grow(scratch.bodyNext);
      }
      scratch.bodyUnit[scratch.bodySize] = u;
      scratch.bodyNext[scratch.bodySize] = scratch.bodyHead[entry]!;
      scratch.bodyHead[entry] = scratch.bodySize++;
      scratch.bodyWeight[entry]! += unitWeights[u]!;
    }
  }
  return {
    index,
    stats,
    scratch,
    terms,
    unitWeights,
    fullCredit,
    accentTerm,
    queryWeight,
    termMark: new Int32Array(terms.length),
    unitInEntry: new Int32Array(unitNames.length),
    unitInPhrasing: new Int32Array(unitNames.length),
    mark: 0,
  };
}

/**
 * The evidence of one touched entry: its best phrasing (by 0.7·query coverage + 0.3·phrasing
 * coverage; equal ones by BM25 score, then position), BM25 score, and coverage with half
 * credit for units found only elsewhere in the entry.
 */
function entryEvidence(evidence: Evidence, entry: number): Found {
  const { index, stats, scratch, terms, unitWeights, fullCredit, accentTerm, queryWeight, termMark, unitInEntry, unitInPhrasing } = evidence;
  const { phrasingChoice, accentMissCoverage, entryFieldCoverage } = LEXICAL_DEFAULTS;
  const entryMark = ++evidence.mark;
  const generation = scratch.generation;
  let bestQuality = -1;
  let bestScore = -1;
  let bestDocument = -1;
  let bestPhrasingScore = 0;
  let entryScore = 0;
  let bestQueryCoverage = 0;
  let bestPhrasingCoverage = 0;
  const last = index.entryStart[entry + 1]!;
  for (let doc = index.entryStart[entry]!; doc < last; doc++) {
    if (scratch.documentSeen[doc] !== generation) continue;
    const score = scratch.score[doc]! * scratch.matched[doc]!;
    const documentMark = ++evidence.mark;
    for (let p = scratch.head[doc]!; p >= 0; p = scratch.poolNext[p]!) {
      const t = scratch.poolTerm[p]!;
      termMark[t] = documentMark;
      const unit = terms[t]!.unit;
      if (unit >= 0) unitInEntry[unit] = entryMark;
    }
    if (index.documentPhrasing[doc]! < 0) {
      entryScore = score;
      continue;
    }
    let matchedWeight = 0;
    for (let p = scratch.head[doc]!; p >= 0; p = scratch.poolNext[p]!) {
      const unit = terms[scratch.poolTerm[p]!]!.unit;
      if (unit < 0) continue;
      const accent = accentTerm[unit]!;
      matchedWeight += accent >= 0 && termMark[accent] !== documentMark ? fullCredit[unit]! * accentMissCoverage : fullCredit[unit]!;
    }
    const total = stats.totalWeight[doc]!;
    const phrasingCoverage = total > 0 ? Math.min(1, matchedWeight / total) : 0;
    const queryCoverage = matchedWeight / queryWeight;
    const quality = queryCoverage * phrasingChoice + phrasingCoverage * (1 - phrasingChoice);
    if (score > bestPhrasingScore) bestPhrasingScore = score;
    if (quality > bestQuality || (quality === bestQuality && score > bestScore)) {
      bestQuality = quality;
      bestScore = score;
      bestDocument = doc;
      bestQueryCoverage = queryCoverage;
      bestPhrasingCoverage = phrasingCoverage;
    }
  }
  for (let p = scratch.bodyHead[entry]!; p >= 0; p = scratch.bodyNext[p]!) unitInEntry[scratch.bodyUnit[p]!] = entryMark;
  const phrasingMark = ++evidence.mark;
  if (bestDocument >= 0) {
    for (let p = scratch.head[bestDocument]!; p >= 0; p = scratch.poolNext[p]!) {
      const unit = terms[scratch.poolTerm[p]!]!.unit;
      if (unit >= 0) unitInPhrasing[unit] = phrasingMark;
    }
  }
  // Words of the question that the entry has elsewhere (its other phrasings, tags, answer)
  // count part: an entry is one answer, whichever of its phrasings says which word.
  let elsewhere = 0;
  for (let unit = 0; unit < unitWeights.length; unit++) {
    if (unitInEntry[unit] === entryMark && unitInPhrasing[unit] !== phrasingMark) elsewhere += unitWeights[unit]!;
  }
  const queryCoverage = Math.min(1, bestQueryCoverage + (elsewhere / queryWeight) * entryFieldCoverage);
  const match: LexicalMatch = {
    entry,
    score: bestPhrasingScore + entryScore,
    phrasing: bestDocument >= 0 ? index.documentPhrasing[bestDocument]! : 0,
    queryCoverage,
    phrasingCoverage: bestPhrasingCoverage,
  };
  return { match, quality: Math.max(0, queryCoverage * phrasingChoice + bestPhrasingCoverage * (1 - phrasingChoice)) };
}

// ---------------------------------------------------------------------------------------
// Pruning
// ---------------------------------------------------------------------------------------

/** Per entry, over all readings: the exact BM25 score's bound and the coverage bounds. */
interface MergedBounds {
  generation: number;
  seen: Int32Array;
  entries: Int32Array;
  count: number;
  /** Largest BM25 score over the readings (the entry's score is one of them). */
  score: Float64Array;
  queryCoverage: Float64Array;
  phrasingCoverage: Float64Array;
  /** Confidence bound of each entry (with a margin), for the current language. */
  ceiling: Float64Array;
  /** Generation in which each entry's exact evidence was computed, and that evidence. */
  evaluated: Int32Array;
  match: LexicalMatch[];
  heap: Heap;
}

/** A binary max-heap of entries by a key array: entries come out in order of their bound, without sorting them all. */
interface Heap {
  items: Int32Array;
  size: number;
}

function heapify(heap: Heap, key: Float64Array): void {
  for (let i = (heap.size >> 1) - 1; i >= 0; i--) siftDown(heap, key, i);
}

function popHeap(heap: Heap, key: Float64Array): void {
  heap.items[0] = heap.items[--heap.size]!;
  siftDown(heap, key, 0);
}

/** Ties go to the lower entry position, so the order is deterministic. */
function siftDown(heap: Heap, key: Float64Array, at: number): void {
  const { items, size } = heap;
  const above = (a: number, b: number): boolean => key[a]! > key[b]! || (key[a] === key[b] && a < b);
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) return;
    const right = left + 1;
    const child = right < size && above(items[right]!, items[left]!) ? right : left;
    if (!above(items[child]!, items[at]!)) return;
    const swap = items[at]!;
    items[at] = items[child]!;
    items[child] = swap;
    at = child;
  }
}

/**
 * Upper bounds of one entry's evidence in one reading, from the sums the scoring pass
 * left (no walk over matched terms): the exact BM25 score; phrasing coverage ≤ the best
 * share of a phrasing's weight its matched units make; query coverage ≤
 * ((1 − c)·W(best phrasing's units) + c·W(the entry's units)) / W(question), with c the
 * credit for units found elsewhere, W(best phrasing's units) ≤ the largest phrasing sum and
 * W(the entry's units) ≤ the sum over its documents and answer text.
 */
function entryBounds(evidence: Evidence, entry: number, out: { score: number; queryCoverage: number; phrasingCoverage: number }): void {
  const { index, stats, scratch, queryWeight } = evidence;
  const generation = scratch.generation;
  let bestPhrasingScore = 0;
  let entryScore = 0;
  let largestUnits = 0;
  let allUnits = scratch.bodyWeight[entry]!;
  let phrasingCoverage = 0;
  const last = index.entryStart[entry + 1]!;
  for (let doc = index.entryStart[entry]!; doc < last; doc++) {
    if (scratch.documentSeen[doc] !== generation) continue;
    const score = scratch.score[doc]! * scratch.matched[doc]!;
    const units = scratch.unitSum[doc]!;
    allUnits += units;
    if (index.documentPhrasing[doc]! < 0) {
      entryScore = score;
      continue;
    }
    if (score > bestPhrasingScore) bestPhrasingScore = score;
    if (units > largestUnits) largestUnits = units;
    const total = stats.totalWeight[doc]!;
    if (total > 0) phrasingCoverage = Math.max(phrasingCoverage, Math.min(1, units / total));
  }
  const c = LEXICAL_DEFAULTS.entryFieldCoverage;
  out.score = bestPhrasingScore + entryScore;
  out.queryCoverage = Math.min(1, ((1 - c) * largestUnits + c * Math.min(queryWeight, allUnits)) / queryWeight);
  out.phrasingCoverage = phrasingCoverage;
}

/** Bounds are sums in another order than the exact numbers: a margin keeps them above by more than rounding. */
const BOUND_MARGIN = 1e-9;

/**
 * The pruned search (max-score style): bounds for every touched entry, exact evidence
 * only for the entries that may matter. First the entries that may hold the best BM25
 * score (every confidence is relative to it), then, per language, entries in order of
 * their confidence bound, until the bound of the next falls below both the `keep`-th best
 * confidence found and the best confidence of a second topic.
 */
function prunedSearch(context: SearchContext, readings: readonly Evidence[], pruning: LexicalPruning): PrunedSearch {
  const { index, stats } = context;
  const merged = (context.merged ??= {
    generation: 0,
    seen: new Int32Array(index.entryCount),
    entries: new Int32Array(index.entryCount),
    count: 0,
    score: new Float64Array(index.entryCount),
    queryCoverage: new Float64Array(index.entryCount),
    phrasingCoverage: new Float64Array(index.entryCount),
    ceiling: new Float64Array(index.entryCount),
    evaluated: new Int32Array(index.entryCount),
    match: [],
    heap: { items: new Int32Array(index.entryCount), size: 0 },
  });
  const generation = ++merged.generation;
  merged.count = 0;
  const bound = { score: 0, queryCoverage: 0, phrasingCoverage: 0 };
  for (const reading of readings) {
    const { scratch } = reading;
    for (let i = 0; i < scratch.entryCount; i++) {
      const entry = scratch.entries[i]!;
      entryBounds(reading, entry, bound);
      if (merged.seen[entry] !== generation) {
        merged.seen[entry] = generation;
        merged.entries[merged.count++] = entry;
        merged.score[entry] = bound.score;
        merged.queryCoverage[entry] = bound.queryCoverage;
        merged.phrasingCoverage[entry] = bound.phrasingCoverage;
      } else {
        merged.score[entry] = Math.max(merged.score[entry]!, bound.score);
        merged.queryCoverage[entry] = Math.max(merged.queryCoverage[entry]!, bound.queryCoverage);
        merged.phrasingCoverage[entry] = Math.max(merged.phrasingCoverage[entry]!, bound.phrasingCoverage);
      }
    }
  }
  const entries = merged.entries.subarray(0, merged.count);
  const exact: LexicalMatch[] = [];
  const evaluate = (entry: number): LexicalMatch => {
    if (merged.evaluated[entry] === generation) return merged.match[entry]!;
    let best: Found | undefined;
    for (const reading of readings) {
      if (reading.scratch.entrySeen[entry] !== reading.scratch.generation) continue;
      const found = entryEvidence(reading, entry);
      if (!best || found.quality > best.quality) best = found;
    }
    merged.evaluated[entry] = generation;
    merged.match[entry] = best!.match;
    exact.push(best!.match);
    return best!.match;
  };

  // The best BM25 score: entries by their score bound until the bound falls below the best exact score.
  let topScore = 0;
  for (;;) {
    let next = -1;
    for (const entry of entries) {
      const score = merged.score[entry]!;
      if (merged.evaluated[entry] !== generation && score >= topScore && (next < 0 || score > merged.score[next]!)) next = entry;
    }
    if (next < 0) break;
    topScore = Math.max(topScore, evaluate(next).score);
  }

  const omitted = { vi: -Infinity, en: -Infinity };
  const confidenceOf = (match: LexicalMatch): number =>
    pruning.confidence({
      queryCoverage: match.queryCoverage,
      phrasingCoverage: match.phrasingCoverage,
      relativeScore: topScore > 0 ? match.score / topScore : 0,
    });
  for (const lang of [0, 1] as const) {
    const heap = merged.heap;
    heap.size = 0;
    for (const entry of entries) {
      if (stats.entryLang[entry] !== lang) continue;
      const value = pruning.confidence({
        queryCoverage: merged.queryCoverage[entry]!,
        phrasingCoverage: merged.phrasingCoverage[entry]!,
        relativeScore: topScore > 0 ? Math.min(1, merged.score[entry]! / topScore) : 0,
      });
      merged.ceiling[entry] = value * (1 + BOUND_MARGIN) + BOUND_MARGIN;
      heap.items[heap.size++] = entry;
    }
    heapify(heap, merged.ceiling);
    const best: number[] = []; // the `keep` best confidences, descending
    const topics = { first: -1, firstValue: -Infinity, secondValue: -Infinity };
    while (heap.size > 0) {
      const entry = heap.items[0]!;
      const limit = Math.min(best.length >= pruning.keep ? best[pruning.keep - 1]! : -Infinity, topics.secondValue);
      if (merged.ceiling[entry]! < limit) {
        omitted[lang === 0 ? 'vi' : 'en'] = merged.ceiling[entry]!;
        break;
      }
      popHeap(heap, merged.ceiling);
      const value = confidenceOf(evaluate(entry));
      let at = best.length;
      while (at > 0 && best[at - 1]! < value) at--;
      if (at < pruning.keep) {
        best.splice(at, 0, value);
        if (best.length > pruning.keep) best.pop();
      }
      const topic = stats.entryTopic[entry]!;
      if (topic === topics.first) topics.firstValue = Math.max(topics.firstValue, value);
      else if (value > topics.firstValue) {
        topics.secondValue = topics.firstValue;
        topics.first = topic;
        topics.firstValue = value;
      } else topics.secondValue = Math.max(topics.secondValue, value);
    }
  }
  return { matches: exact.sort(byScore), omitted };
}

function isSerialisedLexical(data: unknown): data is SerialisedLexical {
  return typeof data === 'object' && data !== null && typeof (data as Partial<SerialisedLexical>).analyser === 'string';
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
