import type { PostingIndex } from './postings.js';

/**
 * Where a query does its counting: typed arrays sized to the index and match pools that
 * grow by doubling, kept from one query to the next so that a query allocates nothing
 * per document it touches.
 */

/**
 * Per-query working memory, allocated once per index (one per reading of a question) and
 * reused: a query marks what it touches with a new generation number instead of clearing.
 */
export interface Scratch {
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

export function scratchFor(index: PostingIndex): Scratch {
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
export function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
