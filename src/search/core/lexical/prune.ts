import { LEXICAL_DEFAULTS } from './defaults.js';
import { byScore, entryEvidence, type Evidence, type Found } from './evidence.js';
import { heapify, popHeap, type Heap } from './heap.js';
import type { PostingIndex } from './postings.js';
import type { CorpusStats } from './stats.js';
import type { LexicalMatch, LexicalPruning, PrunedSearch } from './types.js';

/**
 * The pruned search: cheap upper bounds of every touched entry's evidence, then exact
 * evidence only for the entries whose bound says they may matter to the caller. A question
 * shares some word with most entries, so exact coverage of every one is what made search
 * slow at scale (ADR 0002, "Query path"); the bounds prove which entries it can skip.
 */

/** Per entry, over all readings: the exact BM25 score's bound and the coverage bounds. */
export interface MergedBounds {
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

/** What the pruned search reads of the index, and where it keeps its per-entry arrays between queries. */
export interface PruneContext {
  index: PostingIndex;
  stats: CorpusStats;
  /** Per entry, for pruned searches: generation stamp and bounds over all readings. */
  merged?: MergedBounds;
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
export function prunedSearch(context: PruneContext, readings: readonly Evidence[], pruning: LexicalPruning): PrunedSearch {
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
  for (const reading of readings) mergeBounds(merged, reading, bound);
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
  for (let next = nextByScore(merged, entries, topScore); next >= 0; next = nextByScore(merged, entries, topScore)) {
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
    fillCeilings(merged, entries, stats.entryLang, lang, pruning, topScore);
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

// The loops over every touched entry are functions of their own so that each is at a
// function's top level: V8's Maglev tier in Chromium compiles a hot loop nested in another
// on stack replacement and drops back to the interpreter each time it exits to the outer
// loop, which left these scans mostly unoptimised for the first hundred queries (ADR 0002).

/** Merges one reading's bounds into `merged`: per entry, the highest of each bound. */
function mergeBounds(merged: MergedBounds, reading: Evidence, bound: { score: number; queryCoverage: number; phrasingCoverage: number }): void {
  const { scratch } = reading;
  const generation = merged.generation;
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

/** The unevaluated entry with the highest score bound not below `topScore` (the first of equals), or -1. */
function nextByScore(merged: MergedBounds, entries: Int32Array, topScore: number): number {
  const generation = merged.generation;
  let next = -1;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const score = merged.score[entry]!;
    if (merged.evaluated[entry] !== generation && score >= topScore && (next < 0 || score > merged.score[next]!)) next = entry;
  }
  return next;
}

/** Puts the entries of language `lang` on the heap, each with its confidence ceiling. */
function fillCeilings(merged: MergedBounds, entries: Int32Array, entryLang: CorpusStats['entryLang'], lang: 0 | 1, pruning: LexicalPruning, topScore: number): void {
  const heap = merged.heap;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entryLang[entry] !== lang) continue;
    const value = pruning.confidence({
      queryCoverage: merged.queryCoverage[entry]!,
      phrasingCoverage: merged.phrasingCoverage[entry]!,
      relativeScore: topScore > 0 ? Math.min(1, merged.score[entry]! / topScore) : 0,
    });
    merged.ceiling[entry] = value * (1 + BOUND_MARGIN) + BOUND_MARGIN;
    heap.items[heap.size++] = entry;
  }
}
