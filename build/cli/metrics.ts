import { suggestionsOf } from '../../src/search/core/gate.js';
import type { SearchResult } from '../../src/search/core/types.js';

/** One line of an evaluation set: the question and what a right answer is. */
export interface EvalCase {
  q: string;
  /** Entry or topic ids (compared by topic), or `HANDOFF` when the corpus must not answer. */
  expect: string | string[];
}

export interface Miss {
  q: string;
  expect: string[];
  decision: SearchResult['decision'];
  top: string[];
}

export interface EvalReport {
  total: number;
  inDomain: number;
  offDomain: number;
  /** Decision `answer` with an expected topic first, over in-domain questions. */
  answeredRight: number;
  /** That, or an expected topic among the suggestions the widget shows for a `suggest` (`suggestionsOf`), over in-domain questions. */
  helpful: number;
  /** `answer` decisions whose first topic is not expected (off-domain ones included), over all questions. */
  wrongConfident: number;
  /** Off-domain questions with decision `handoff`, over off-domain questions. */
  offDomainHandedOff: number;
  /** First result's topic expected, whatever the decision, over in-domain questions. */
  accuracyAt1: number;
  /** An expected topic among the first three results, over in-domain questions. */
  recallAt3: number;
  misses: Miss[];
}

export interface EvalTargets {
  answeredRight: number;
  helpful: number;
  wrongConfident: number;
  offDomainHandedOff: number;
}

/** The lexical-mode targets of issue #3. */
export const LEXICAL_TARGETS: Readonly<EvalTargets> = Object.freeze({
  answeredRight: 0.85,
  helpful: 0.95,
  wrongConfident: 0.03,
  offDomainHandedOff: 0.95,
});

const HANDOFF = 'HANDOFF';

/**
 * Scores results against expectations. `topicOf` maps an expected id to its topic, so an
 * expectation may name a specific entry or its topic alike.
 */
export function evaluate(
  cases: readonly EvalCase[],
  results: readonly SearchResult[],
  topicOf: (id: string) => string,
): EvalReport {
  let inDomain = 0;
  let offDomain = 0;
  let answeredRight = 0;
  let helpful = 0;
  let wrong = 0;
  let handedOff = 0;
  let at1 = 0;
  let at3 = 0;
  const misses: Miss[] = [];
  cases.forEach((c, i) => {
    const result = results[i]!;
    const expected = (Array.isArray(c.expect) ? c.expect : [c.expect]).map((id) => (id === HANDOFF ? id : topicOf(id)));
    const top = result.results.map((r) => r.topic);
    const answered = result.decision === 'answer';
    const miss = () => misses.push({ q: c.q, expect: expected, decision: result.decision, top: top.slice(0, 3) });
    if (expected.includes(HANDOFF)) {
      offDomain++;
      if (result.decision === 'handoff') handedOff++;
      else miss();
      if (answered) wrong++;
      return;
    }
    inDomain++;
    const first = top[0] !== undefined && expected.includes(top[0]);
    const inTop3 = top.slice(0, 3).some((t) => expected.includes(t));
    if (first) at1++;
    if (inTop3) at3++;
    if (answered && first) answeredRight++;
    const offered = suggestionsOf(result).some((hit) => expected.includes(hit.topic));
    if ((answered && first) || (result.decision === 'suggest' && offered)) helpful++;
    else miss();
    if (answered && !first) wrong++;
  });
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    total: cases.length,
    inDomain,
    offDomain,
    answeredRight: ratio(answeredRight, inDomain),
    helpful: ratio(helpful, inDomain),
    wrongConfident: ratio(wrong, cases.length),
    offDomainHandedOff: ratio(handedOff, offDomain),
    accuracyAt1: ratio(at1, inDomain),
    recallAt3: ratio(at3, inDomain),
    misses,
  };
}

/** The targets a report falls short of, as readable lines (empty when all are met). */
export function shortfalls(report: EvalReport, targets: EvalTargets): string[] {
  const out: string[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  if (report.answeredRight < targets.answeredRight) out.push(`answered right ${pct(report.answeredRight)} < ${pct(targets.answeredRight)}`);
  if (report.helpful < targets.helpful) out.push(`helpful ${pct(report.helpful)} < ${pct(targets.helpful)}`);
  if (report.wrongConfident > targets.wrongConfident) out.push(`wrong confident ${pct(report.wrongConfident)} > ${pct(targets.wrongConfident)}`);
  if (report.offDomainHandedOff < targets.offDomainHandedOff) out.push(`off-domain handed off ${pct(report.offDomainHandedOff)} < ${pct(targets.offDomainHandedOff)}`);
  return out;
}
