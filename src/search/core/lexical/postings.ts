import type { CorpusEntry } from '../types.js';
import { documentsOf, termsOf } from './documents.js';

/**
 * The inverted index: postings of the phrasing and tag fields as flat typed arrays, each
 * posting with its BM25+ term-frequency part computed once at load, and which entries'
 * answers hold which term. Flat arrays keep a query's cost to the postings it reads,
 * with no object per document.
 */

/** Postings of one field, all terms in one array: term `t` owns `[start[t], start[t + 1])`. */
export interface FieldPostings {
  start: Int32Array;
  docs: Int32Array;
  /** BM25+'s term-frequency part of each posting, `δ + f(k + 1) / (f + k(1 − b + b·len/avg))`. */
  tf: Float64Array;
  /** BM25+'s idf of each term in this field. */
  idf: Float64Array;
  /** Largest `tf` of each term: with the idf and the boosts, its largest contribution to a score. */
  maxTf: Float64Array;
}

export interface PostingIndex {
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
export function buildPostings(entries: readonly CorpusEntry[]): PostingIndex {
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
