import type { Decision, SearchHit, SearchResult } from './types.js';

/**
 * The gate: decides what the widget does with ranked candidates — show the best entry
 * (`answer`), offer the best two or three ("Có phải bạn muốn hỏi…", `suggest`), or pass
 * the question to the central chatbot (`handoff`). It is separate from ranking on
 * purpose: ranking only orders entries, the gate says how sure we are, from evidence
 * that is comparable between queries (shares of weighted words, not raw BM25 scores).
 *
 * Evidence per candidate (see `lexical/evidence.ts`; words weighted by their idf over topics):
 * - `queryCoverage`: how much of the question the entry explains — its best phrasing
 *   fully, its other phrasings, tags and answer text half. The main signal against
 *   off-domain questions ("giá vàng hôm nay"): words no phrasing contains weigh the most.
 * - `phrasingCoverage`: how much of that phrasing the question says; low when the
 *   question is a fragment ("khai sinh") that several entries contain, or when it only
 *   meets a phrasing on a frequent word or two.
 * - `relativeScore`: the entry's BM25 score over the best one's, a tie-breaker that
 *   also brings in tags and the answer text.
 *
 * Confidence = queryCoverage^(1−w) × phrasingCoverage^w × (1 − s + s·relativeScore): a
 * weighted geometric mean of the two coverages (like an F-measure, a question mostly
 * unexplained cannot be rescued by a phrasing it fully says, nor the reverse), scaled by
 * the BM25 tie-breaker.
 *
 * The decision also looks at the *rival*: the best candidate of another topic (entries
 * of one topic are not competitors: "lý lịch tư pháp" and "lệ phí lý lịch tư pháp" both
 * answer a question about it). The best entry is the answer only when the rival's
 * confidence is at most `lead` × its own. On the dev set this lead separates right from
 * wrong first entries better than any level of confidence does (docs/decisions/0002).
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
  /** Lead in confidence over the best entry of another topic needed to answer (absolute). */
  margin: number;
  /**
   * Largest share of the first entry's confidence that the best entry of another topic
   * may have for the first to be the answer (relative lead; 1 = no constraint).
   */
  lead: number;
  /**
   * Lead in query coverage over the rival that also lets the first entry be the answer
   * when the rival's confidence is within `lead`: the first explains clearly more of the
   * question (a rival that only shares the generic words — "nộp", "hồ sơ", "dịch vụ
   * công" — is no real alternative). Undefined = no such rule.
   */
  coverageLead?: number;
  /**
   * Out-of-scope subjects: when at least `share` of a question's subject words are
   * out-of-scope terms (`scopeEvidence`, see `scope.ts`), those words count as unexplained
   * — the best entry's confidence is taken times (1 − that share) — and the question is
   * handed off when that falls below `suggest`. "mua bảo hiểm nhân thọ nào tốt" meets the
   * health-insurance entries on "bảo hiểm", but its subject is a product, not a procedure.
   * Undefined = no such rule.
   */
  outOfScope?: { share: number };
  /**
   * A lower suggest threshold for a question whose best three candidates come from at
   * most two topics: they agree on what it is about, so offering them is worth more than
   * a handoff, while an off-domain question that only shares a generic word or two with
   * the corpus scatters over three topics. Undefined = the same threshold for all.
   */
  agreedSuggest?: number;
  /**
   * Lead in subject share (see {@link GateCandidate.subject}) that the rival may have over
   * the first entry before the first can no longer be the answer (it is suggested): "làm
   * hộ chiếu bao nhiêu tiền" may rank a fee entry of another procedure first on "bao nhiêu
   * tiền", but only the passport entry names the subject. Undefined = no such rule.
   */
  subjectLead?: number;
  /** Weight w of phrasing coverage in the geometric mean with query coverage, in [0, 1]. */
  phrasingWeight: number;
  /** Weight s of the relative BM25 score, in [0, 1]. */
  scoreWeight: number;
  /**
   * The gate in hybrid mode (an embedding model is loaded and the corpus has its vectors):
   * its own thresholds, because confidence there also weighs the dense evidence.
   */
  hybrid: HybridGateOptions;
}

/**
 * Hybrid confidence = (1 − d)·lexical confidence + d·dense confidence, where dense
 * confidence maps the entry's best cosine linearly from `cosineFloor` (0) to
 * `cosineCeiling` (1). See `hybridConfidence` in `vectors.ts`.
 */
export interface HybridGateOptions {
  /** Hybrid confidence at or above which the best entry is the answer. */
  answer: number;
  /** Hybrid confidence at or above which the best entries are suggested; below it, handoff. */
  suggest: number;
  /** Lead in hybrid confidence over the next entry needed to answer (not needed within one topic). */
  margin: number;
  /** The out-of-scope rule in hybrid mode (see {@link GateOptions.outOfScope}); undefined = off. */
  outOfScope?: { share: number };
  /** Weight d of dense confidence, in [0, 1]. */
  denseWeight: number;
  /** Cosine at or below which dense evidence counts nothing. */
  cosineFloor: number;
  /** Cosine at or above which dense evidence is complete. */
  cosineCeiling: number;
}

/**
 * Gate settings per mode. The lexical ones (top level) come from `npm run calibrate -- --file
 * test/eval/dev.jsonl --tune all`: among the settings that meet every target of the dev set
 * (answered right ≥ 85 %, helpful ≥ 95 %, wrong confident answers ≤ 3 %, off-domain handed
 * off ≥ 95 %), the one with the fewest wrong confident answers, then the most helpful
 * (procedure, the numbers per half and on the check set: docs/decisions/0002-lexical-search.md).
 * Re-run it when the corpus or the analyser changes much.
 */
export const GATE_DEFAULTS: Readonly<GateOptions> = Object.freeze({
  // Lexical mode. A question whose best entry reaches 0.39 is answered when no other topic
  // comes within 90 % of it, or when that topic explains 15 points less of the question,
  // and no other topic names a fifth more of its subject; suggested otherwise, and from
  // 0.30. Below 0.30 it is handed off.
  answer: 0.39,
  suggest: 0.3,
  margin: 0,
  lead: 0.9,
  coverageLead: 0.15,
  // A question at least a quarter about out-of-scope subjects has those words count as
  // unexplained (see scope.ts).
  outOfScope: Object.freeze({ share: 0.25 }),
  // No lower threshold for agreeing candidates: with suggestions from 0.30, the
  // calibration found it gains at most one dev line (ADR 0002).
  agreedSuggest: undefined,
  subjectLead: 0.2,
  phrasingWeight: 0.5,
  scoreWeight: 0.3,
  // Hybrid mode. NOT calibrated yet: set for Xenova/multilingual-e5-small (whose cosines
  // between question phrasings live in about 0.7–1.0) from the model card and the
  // research notes, and pinned by tests only for correctness on the tiny TEST model.
  // They must be calibrated on the real model with `npm run eval -- --model <id>`
  // (each model needs its own; see docs/decisions/0003-embeddings.md).
  hybrid: Object.freeze({
    answer: 0.5,
    suggest: 0.35,
    margin: 0.1,
    // Embeddings also find "bảo hiểm nhân thọ" close to health insurance: the same rule.
    outOfScope: Object.freeze({ share: 0.25 }),
    denseWeight: 0.5,
    cosineFloor: 0.8,
    cosineCeiling: 0.95,
  }),
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
  const hybrid = { ...base.hybrid, answer, suggest: Math.min(base.hybrid.suggest, answer) };
  return { ...base, answer, suggest: Math.min(base.suggest, answer), hybrid };
}

/**
 * Confidence in [0, 1] that a candidate is the right entry.
 *
 * @example confidence({ queryCoverage: 1, phrasingCoverage: 1, relativeScore: 1 }) // → 1
 */
export function confidence(evidence: GateEvidence, options: Readonly<GateOptions> = GATE_DEFAULTS): number {
  const { queryCoverage, phrasingCoverage, relativeScore } = evidence;
  const w = clamp(options.phrasingWeight);
  const s = clamp(options.scoreWeight);
  const value = clamp(queryCoverage) ** (1 - w) * clamp(phrasingCoverage) ** w * (1 - s + s * clamp(relativeScore));
  return clamp(value);
}

/** A ranked candidate as the gate sees it. */
export interface GateCandidate {
  confidence: number;
  topic: string;
  /** Share of the question the candidate explains (lexical query coverage), when known. */
  coverage?: number;
  /**
   * Share of the question's subject words (`subjectWords` in `scope.ts`: not its ask
   * words such as "bao nhiêu tiền", "bao lâu") that the candidate's title, phrasings and
   * tags contain, when known.
   */
  subject?: number;
}

/**
 * The thresholds {@link decide} reads; `lead` defaults to 1 (no relative lead needed),
 * `coverageLead` to none.
 */
export type DecisionOptions = Pick<GateOptions, 'answer' | 'suggest' | 'margin'> &
  Partial<Pick<GateOptions, 'lead' | 'coverageLead' | 'outOfScope' | 'agreedSuggest' | 'subjectLead'>>;

/** What the gate knows about the question itself, apart from its candidates. */
export interface QuestionEvidence {
  /** Share of its content words inside out-of-scope terms (`scopeEvidence(text).share`). */
  outOfScope: number;
}

/**
 * The decision for candidates ranked best first: `handoff` below the suggest threshold, or
 * when the question is mostly about out-of-scope subjects and the best entry is not sure;
 * `answer` at or above the answer threshold when the *rival* (the best candidate of
 * another topic) trails by `margin` and either has at most `lead` × the first's
 * confidence or explains at least `coverageLead` less of the question; `suggest` otherwise.
 *
 * @example decide([{ confidence: 0.9, topic: 'khai-sinh' }, { confidence: 0.3, topic: 'tam-tru' }]) // → 'answer'
 */
export function decide(
  candidates: readonly GateCandidate[],
  options: Readonly<DecisionOptions> = GATE_DEFAULTS,
  question?: Readonly<QuestionEvidence>,
): Decision {
  const [first] = candidates;
  if (!first || !(first.confidence >= suggestThreshold(candidates, options))) return 'handoff';
  const scope = options.outOfScope;
  if (scope && question && question.outOfScope >= scope.share && first.confidence * (1 - question.outOfScope) < options.suggest) {
    return 'handoff';
  }
  if (first.confidence < options.answer) return 'suggest';
  const rival = candidates.find((candidate) => candidate.topic !== first.topic);
  if (!rival) return 'answer';
  if (first.confidence - rival.confidence < options.margin) return 'suggest';
  if (namesMoreOfSubject(rival, first, options.subjectLead)) return 'suggest';
  if (rival.confidence <= (options.lead ?? 1) * first.confidence) return 'answer';
  const { coverageLead } = options;
  const explainsMore =
    coverageLead !== undefined &&
    first.coverage !== undefined &&
    rival.coverage !== undefined &&
    first.coverage - rival.coverage >= coverageLead;
  return explainsMore ? 'answer' : 'suggest';
}

/** Whether `rival` names at least `lead` more of the question's subject than `first` (both known). */
function namesMoreOfSubject(rival: GateCandidate, first: GateCandidate, lead: number | undefined): boolean {
  return lead !== undefined && rival.subject !== undefined && first.subject !== undefined && rival.subject - first.subject >= lead;
}

/** The suggest threshold for these candidates: `agreedSuggest` when the best three come from at most two topics. */
function suggestThreshold(candidates: readonly GateCandidate[], options: Readonly<DecisionOptions>): number {
  const { agreedSuggest } = options;
  if (agreedSuggest === undefined || agreedSuggest >= options.suggest) return options.suggest;
  const topics = new Set(candidates.slice(0, AGREEMENT_CANDIDATES).map((candidate) => candidate.topic));
  return topics.size <= AGREEMENT_CANDIDATES - 1 ? agreedSuggest : options.suggest;
}

/** Candidates that {@link suggestThreshold} looks at: as many as the widget offers. */
const AGREEMENT_CANDIDATES = 3;

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
