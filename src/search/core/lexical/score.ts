import { LEXICAL_DEFAULTS } from './defaults.js';
import type { FieldPostings, PostingIndex } from './postings.js';
import { grow, type Scratch } from './scratch.js';

/**
 * The scoring pass: BM25+ of every document that holds a query term, written into a
 * query's scratch with the matched terms of each document, which the coverage numbers
 * and the pruning bounds are then computed from.
 */

/** A query term: an index term with its boost, and what it counts for in coverage. */
export interface QueryTerm {
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
export function accumulate(index: PostingIndex, scratch: Scratch, terms: readonly QueryTerm[]): void {
  scratch.generation++;
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
      addPostings(index, scratch, field, from, to, boost * fieldBoost * field.idf[id]!, t, weight);
    }
  }
}

/**
 * One term's postings in one field, a function of its own: V8's optimising tiers in Chromium
 * (Maglev) compile a hot loop nested in another loop on stack replacement and drop back to the
 * interpreter each time it exits to the outer loop, so an inner loop left inline ran mostly
 * unoptimised for the first hundred queries (see ADR 0002). A loop at a function's top level
 * does not have that exit.
 */
function addPostings(
  index: PostingIndex,
  scratch: Scratch,
  field: FieldPostings,
  from: number,
  to: number,
  factor: number,
  t: number,
  weight: number,
): void {
  const generation = scratch.generation;
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
