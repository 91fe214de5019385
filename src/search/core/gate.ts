import type { Decision, SearchHit, SearchResult } from './types.js';

/**
 * The gate: decides what the widget does with ranked candidates — show the best entry
 * (`answer`), offer the best two or three ("Có phải bạn muốn hỏi…", `suggest`), or pass
 * the question to the central chatbot (`handoff`). It is separate from ranking on
 * purpose: ranking only orders entries, the gate says how sure we are, from evidence
 * that is comparable between queries (shares of weighted words, not raw BM25 scores).
 *
 * Evidence per candidate (see `lexical.ts`):
 * - `queryCoverage`: how much of the question the entry's best phrasing explains. The
 *   main signal: an off-domain question ("giá vàng hôm nay") shares at most a frequent
 *   word or two with any phrasing, and words no phrasing contains weigh the most.
 * - `phrasingCoverage`: how much of that phrasing the question says; low when the
 *   question is a fragment ("khai sinh") that several entries contain.
 * - `relativeScore`: the entry's BM25 score over the best one's, a small tie-breaker
 *   that also brings in tags and the answer text.
 *
 * Confidence = queryCoverage^p × (1 − w + w·phrasingCoverage) × (1 − s + s·relativeScore),
 * a product so that a question mostly unexplained cannot be rescued by the other terms.
 */

/** Evidence for one candidate entry; every number in [0, 1]. */
export interface GateEvidence {
  queryCoverage: number;
  phrasingCoverage: number;
  relativeScore: number;
}

export interface GateOptions {
  /** Confidence at or above which the best entry is shown as the answer. */
  answer: number;
  /** Confidence at or above which the best entries are suggested; below it, handoff. */
  suggest: number;
  /** Lead in confidence over the next entry needed to answer (not needed within one topic). */
  margin: number;
  /** Exponent p on query coverage (≥ 1 makes partial matches cost more). */
  coveragePower: number;
  /** Weight w of phrasing coverage, in [0, 1]. */
  phrasingWeight: number;
  /** Weight s of the relative BM25 score, in [0, 1]. */
  scoreWeight: number;
}

/**
 * Calibrated roughly on the fixture corpus, the first real entries and hand-written
 * in-domain and off-domain questions (see docs/decisions/0002-lexical-search.md);
 * a dev set of labelled questions will replace these numbers.
 */
export const GATE_DEFAULTS: Readonly<GateOptions> = Object.freeze({
  answer: 0.5,
  suggest: 0.35,
  margin: 0.15,
  coveragePower: 1,
  phrasingWeight: 0.4,
  scoreWeight: 0.15,
});

/**
 * Gate options with an overriding answer threshold (the widget's `threshold` attribute).
 * The suggest threshold never exceeds the answer threshold.
 *
 * @param threshold - answer confidence in [0, 1]; ignored when not a finite number
 * @example gateOptions(0.8).answer // → 0.8
 */
export function gateOptions(threshold?: number, base: Readonly<GateOptions> = GATE_DEFAULTS): GateOptions {
  if (threshold === undefined || !Number.isFinite(threshold)) return { ...base };
  const answer = Math.min(1, Math.max(0, threshold));
  return { ...base, answer, suggest: Math.min(base.suggest, answer) };
}

/**
 * Confidence in [0, 1] that a candidate is the right entry.
 *
 * @example confidence({ queryCoverage: 1, phrasingCoverage: 1, relativeScore: 1 }) // → 1
 */
export function confidence(evidence: GateEvidence, options: Readonly<GateOptions> = GATE_DEFAULTS): number {
  const { queryCoverage, phrasingCoverage, relativeScore } = evidence;
  const value =
    clamp(queryCoverage) ** options.coveragePower *
    (1 - options.phrasingWeight + options.phrasingWeight * clamp(phrasingCoverage)) *
    (1 - options.scoreWeight + options.scoreWeight * clamp(relativeScore));
  return clamp(value);
}

/** A ranked candidate as the gate sees it. */
export interface GateCandidate {
  confidence: number;
  topic: string;
}

/**
 * The decision for candidates ranked best first.
 *
 * @example decide([{ confidence: 0.9, topic: 'khai-sinh' }, { confidence: 0.3, topic: 'tam-tru' }]) // → 'answer'
 */
export function decide(candidates: readonly GateCandidate[], options: Readonly<GateOptions> = GATE_DEFAULTS): Decision {
  const [first, second] = candidates;
  if (!first || first.confidence < options.suggest) return 'handoff';
  if (first.confidence < options.answer) return 'suggest';
  const clearLead = !second || first.confidence - second.confidence >= options.margin || second.topic === first.topic;
  return clearLead ? 'answer' : 'suggest';
}

/**
 * The hits worth offering as "Có phải bạn muốn hỏi…": the best ones, and only those
 * close to the first (at least `ratio` of its score).
 *
 * @example suggestionsOf(result).map((hit) => hit.title)
 */
export function suggestionsOf(result: SearchResult, max = 3, ratio = 0.6): SearchHit[] {
  const [first] = result.results;
  if (!first) return [];
  return result.results.filter((hit) => hit.score >= first.score * ratio).slice(0, max);
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
