import type { Analysis } from '../analyse.js';
import { bigrams } from '../normalise.js';
import { LEXICAL_DEFAULTS } from './defaults.js';
import { aliasTerm } from './documents.js';
import type { PostingIndex } from './postings.js';
import { accumulate, type QueryTerm } from './score.js';
import { grow, type Scratch } from './scratch.js';
import { unitWeight, type CorpusStats } from './stats.js';
import type { LexicalMatch } from './types.js';

/**
 * One reading of a question turned into evidence: its units and their weights, its query
 * terms and boosts, the scoring pass, and then, per entry, the exact numbers the gate
 * decides with (best phrasing, BM25 score, query and phrasing coverage). The exhaustive
 * and the pruned search both take an entry's evidence from here, so they cannot differ.
 */

/** One entry's evidence for one reading, with how well its best phrasing explains the question. */
export interface Found {
  match: LexicalMatch;
  quality: number;
}

/** Best BM25 score first; equal scores by entry position, so the order is deterministic. */
export function byScore(a: LexicalMatch, b: LexicalMatch): number {
  return b.score - a.score || a.entry - b.entry;
}

/** What {@link entryEvidence} needs of one reading of the question. */
export interface Evidence {
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
export function prepareReading(context: { readonly index: PostingIndex; readonly stats: CorpusStats }, analysis: Analysis, scratch: Scratch): Evidence | null {
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
    if (holders) addBodyUnit(scratch, holders, u, unitWeights[u]!);
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
 * Links unit `u` to every touched entry whose answer holds it. Its own function so that
 * the loop is at a function's top level (see `addPostings` in score.ts).
 */
function addBodyUnit(scratch: Scratch, holders: Int32Array, u: number, weight: number): void {
  for (let i = 0; i < holders.length; i++) {
    const entry = holders[i]!;
    if (scratch.entrySeen[entry] !== scratch.generation) continue;
    if (scratch.bodySize === scratch.bodyUnit.length) {
      scratch.bodyUnit = grow(scratch.bodyUnit);
      scratch.bodyNext = grow(scratch.bodyNext);
    }
    scratch.bodyUnit[scratch.bodySize] = u;
    scratch.bodyNext[scratch.bodySize] = scratch.bodyHead[entry]!;
    scratch.bodyHead[entry] = scratch.bodySize++;
    scratch.bodyWeight[entry]! += weight;
  }
}

/**
 * The evidence of one touched entry: its best phrasing (by 0.7·query coverage + 0.3·phrasing
 * coverage; equal ones by BM25 score, then position), BM25 score, and coverage with half
 * credit for units found only elsewhere in the entry.
 */
export function entryEvidence(evidence: Evidence, entry: number): Found {
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
