/**
 * `npm run --silent calibrate -- --file set.jsonl [--tune odd|even|all] [--weights] [--top N] [--artifact file]`
 *
 * Calibrates the lexical gate on a labelled set (docs/decisions/0002-lexical-search.md):
 * 1. runs every question once through the lexical engine (the artifact of `ask`/`eval`)
 *    and keeps its ranked candidates with their confidence;
 * 2. replays the decision (`decide` of `src/search/core/gate.ts`) for every combination of
 *    answer threshold, suggest threshold and relative lead, and scores each with the
 *    metrics of `eval` (`build/cli/metrics.ts`);
 * 3. prints the best combinations on the tuning lines — among those that meet every target
 *    of issue #3, the fewest wrong confident answers, then the most helpful; when
 *    none does, the most answered right with at most 3 % wrong confident answers and at
 *    least 95 % of off-domain questions handed off — with their numbers on the odd lines,
 *    the even lines and all lines, and the current defaults for comparison.
 *
 * Questions are split by parity (the first is odd): tune on one half, check on the other, so
 * the numbers of the other half say what to expect on questions nobody tuned on.
 * `--weights` also varies the confidence weights (phrasing weight w, score weight s),
 * which needs one engine pass per pair. Output goes to stdout; nothing is written.
 */
import { GATE_DEFAULTS, decide, type DecisionOptions, type GateCandidate, type QuestionEvidence } from '../../src/search/core/gate.js';
import { scopeEvidence } from '../../src/search/core/scope.js';
import { createEngine } from '../../src/search/core/engine.js';
import type { CorpusArtifact, SearchHit, SearchResult } from '../../src/search/core/types.js';
import { CLI_DEFAULTS, createCliEngine, parseOptions } from './engine.js';
import { readEvalSet } from './eval-set.js';
import { LEXICAL_TARGETS, evaluate, type EvalCase, type EvalReport } from './metrics.js';

const USAGE = 'usage: calibrate --file set.jsonl [--tune odd|even|all] [--weights] [--top N] [--artifact <file>]';

type Half = 'odd' | 'even' | 'all';

interface Ranked {
  /** Every candidate the gate sees, best first, with unrounded confidences and query coverage. */
  candidates: GateCandidate[];
  /** The same candidates' topics as result hits, for the metrics (the first five). */
  hits: SearchHit[];
  /** What the gate knows of the question itself (its out-of-scope share). */
  question: QuestionEvidence;
}

interface Setting extends DecisionOptions {
  phrasingWeight: number;
  scoreWeight: number;
}

/** The grids swept; thresholds are confidences in [0, 1]. */
export const CALIBRATION_GRID = Object.freeze({
  answer: range(0.2, 0.6, 0.01),
  suggest: range(0.2, 0.5, 0.01),
  lead: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1],
  /** Lead in query coverage over the rival that also lets the first answer; `undefined` = rule off. */
  coverageLead: [undefined, 0.1, 0.13, 0.15, 0.17, 0.2, 0.25, 0.3],
  /** Lead in subject share that makes a rival block the answer (gate.ts `subjectLead`); `undefined` = rule off. */
  subjectLead: [undefined, 0.2, 0.3, 0.4],
  /** Suggest threshold when the best three candidates come from at most two topics; second stage. */
  agreedSuggest: [undefined, ...range(0.2, 0.36, 0.01)],
  phrasingWeight: [0.3, 0.4, 0.5, 0.6, 0.7],
  scoreWeight: [0, 0.15, 0.3, 0.5],
});

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, { file: 'value', tune: 'value', weights: 'flag', top: 'value', artifact: 'value' });
    if (typeof options.file !== 'string') throw new Error('--file is required');
    if (options.tune !== undefined && !['odd', 'even', 'all'].includes(options.tune as string)) throw new Error('--tune is odd, even or all');
  } catch (error) {
    console.error(`calibrate: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const tune = (options.tune ?? 'odd') as Half;
  const top = Math.max(1, Number(options.top ?? 12) || 12);
  const cases = await readEvalSet(options.file as string);
  const cli = await createCliEngine({
    artifact: String(options.artifact ?? CLI_DEFAULTS.artifact),
    model: 'none',
    modelBase: CLI_DEFAULTS.modelBase,
    log: (line) => console.error(line),
  });
  const topics = new Map(cli.artifact.entries.map((entry) => [entry.id, entry.topic]));
  const topicOf = (id: string): string => topics.get(id) ?? id;

  const weightPairs = options.weights
    ? CALIBRATION_GRID.phrasingWeight.flatMap((w) => CALIBRATION_GRID.scoreWeight.map((s) => [w, s] as const))
    : [[GATE_DEFAULTS.phrasingWeight, GATE_DEFAULTS.scoreWeight] as const];

  interface Row {
    setting: Setting;
    ranked: readonly Ranked[];
    tuned: EvalReport;
  }
  const rows: Row[] = [];
  let defaults: Row | undefined;
  for (const [phrasingWeight, scoreWeight] of weightPairs) {
    const ranked = rankAll(cli.artifact, cases, phrasingWeight, scoreWeight);
    if (phrasingWeight === GATE_DEFAULTS.phrasingWeight && scoreWeight === GATE_DEFAULTS.scoreWeight) {
      const setting: Setting = { ...GATE_DEFAULTS, lead: GATE_DEFAULTS.lead, coverageLead: GATE_DEFAULTS.coverageLead };
      defaults = { setting, ranked, tuned: score(cases, ranked, setting, tune, topicOf) };
    }
    for (const answer of CALIBRATION_GRID.answer) {
      for (const suggest of CALIBRATION_GRID.suggest) {
        if (suggest > answer) continue;
        for (const lead of CALIBRATION_GRID.lead) {
          for (const coverageLead of CALIBRATION_GRID.coverageLead) {
            for (const subjectLead of CALIBRATION_GRID.subjectLead) {
              const setting: Setting = {
                answer, suggest, margin: 0, lead, coverageLead, subjectLead, outOfScope: GATE_DEFAULTS.outOfScope, phrasingWeight, scoreWeight,
              };
              const tuned = score(cases, ranked, setting, tune, topicOf);
              if (meetsGuards(tuned)) rows.push({ setting, ranked, tuned });
            }
          }
        }
      }
    }
  }
  const reports = ({ setting, ranked }: Row): Record<Half, EvalReport> => ({
    odd: score(cases, ranked, setting, 'odd', topicOf),
    even: score(cases, ranked, setting, 'even', topicOf),
    all: score(cases, ranked, setting, 'all', topicOf),
  });

  rows.sort((a, b) => compareReports(a.tuned, b.tuned) || compareSettings(a.setting, b.setting));
  const pct = (x: number): string => (x * 100).toFixed(1);
  const cells = (r: EvalReport): string =>
    `${pct(r.answeredRight)} | ${pct(r.helpful)} | ${pct(r.wrongConfident)} | ${pct(r.offDomainHandedOff)}`;
  console.log(`${options.file}: ${cases.length} questions; tuned on ${tune} lines (line 1 is odd)`);
  console.log(
    `guards on the tuned lines: wrong confident ≤ ${pct(LEXICAL_TARGETS.wrongConfident)} %, off-domain handed off ≥ ${pct(LEXICAL_TARGETS.offDomainHandedOff)} %; ` +
      'objective: among settings that meet every target, the fewest wrong confident answers, then helpful; else answered right, then helpful',
  );
  console.log('columns per half: answered right | helpful | wrong confident | off-domain handed off (%)\n');
  console.log('| w | s | answer | suggest | lead | coverage lead | odd | | | | even | | | | all | | | |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const line = (label: string, row: Row): void => {
    const s = row.setting;
    const all = reports(row);
    console.log(
      `| ${label}${s.phrasingWeight} | ${s.scoreWeight} | ${s.answer.toFixed(2)} | ${s.suggest.toFixed(2)} | ${(s.lead ?? 1).toFixed(2)} | ${s.coverageLead?.toFixed(2) ?? '—'} | ` +
        `${cells(all.odd)} | ${cells(all.even)} | ${cells(all.all)} |`,
    );
  };
  for (const row of rows.slice(0, top)) line('', row);
  if (defaults) line('defaults: ', defaults);
  if (rows.length === 0) console.log(`no setting meets the guards on the ${tune} lines`);
  const [first] = rows;
  if (first) {
    // Second stage: the suggest threshold for questions whose best three candidates come
    // from at most two topics (gate.ts, `agreedSuggest`), with the best setting otherwise.
    console.log('\n| agreed suggest | odd | | | | even | | | | all | | | |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const agreedSuggest of CALIBRATION_GRID.agreedSuggest) {
      if (agreedSuggest !== undefined && agreedSuggest >= first.setting.suggest) continue;
      const all = reports({ ...first, setting: { ...first.setting, agreedSuggest } });
      const mark = meetsGuards(all[tune]) ? '' : ' (guards not met)';
      console.log(`| ${agreedSuggest?.toFixed(2) ?? '—'}${mark} | ${cells(all.odd)} | ${cells(all.even)} | ${cells(all.all)} |`);
    }
    const r = first.tuned;
    console.log(
      `\nbest on the ${tune} lines: answer ${first.setting.answer.toFixed(2)}, suggest ${first.setting.suggest.toFixed(2)}, ` +
        `lead ${(first.setting.lead ?? 1).toFixed(2)}, coverage lead ${first.setting.coverageLead?.toFixed(2) ?? 'none'}, ` +
        `subject lead ${first.setting.subjectLead?.toFixed(2) ?? 'none'} ` +
        `(w ${first.setting.phrasingWeight}, s ${first.setting.scoreWeight}); ` +
        `accuracy@1 ${pct(r.accuracyAt1)} %, recall@3 ${pct(r.recallAt3)} %`,
    );
  }
  return 0;
}

/** Every question through the lexical engine with these confidence weights: all candidates, unrounded. */
function rankAll(artifact: CorpusArtifact, cases: readonly EvalCase[], phrasingWeight: number, scoreWeight: number): Ranked[] {
  // The engine's own decision is ignored: `decide` is replayed over the candidates the
  // gate sees (confidence, topic, query coverage).
  const engine = createEngine(artifact, { gate: { phrasingWeight, scoreWeight } });
  return cases.map((c) => {
    const candidates = engine.gateCandidates(c.q, { lang: 'vi' });
    const question = { outOfScope: scopeEvidence(c.q).share };
    const hits = candidates.slice(0, 5).map((candidate) => ({ id: candidate.topic, topic: candidate.topic, lang: 'vi' as const, title: '', score: candidate.confidence }));
    return { candidates, hits, question };
  });
}

function score(
  cases: readonly EvalCase[],
  ranked: readonly Ranked[],
  setting: Setting,
  half: Half,
  topicOf: (id: string) => string,
): EvalReport {
  const picked: EvalCase[] = [];
  const results: SearchResult[] = [];
  cases.forEach((c, i) => {
    if (half === 'odd' && i % 2 === 1) return;
    if (half === 'even' && i % 2 === 0) return;
    const { hits, candidates, question } = ranked[i]!;
    const decision = decide(candidates, setting, question);
    picked.push(c);
    results.push({ query: c.q, decision, mode: 'lexical', results: hits.slice(0, 5) });
  });
  return evaluate(picked, results, topicOf);
}

function meetsGuards(report: EvalReport): boolean {
  return report.wrongConfident <= LEXICAL_TARGETS.wrongConfident && report.offDomainHandedOff >= LEXICAL_TARGETS.offDomainHandedOff;
}

function meetsTargets(report: EvalReport): boolean {
  return meetsGuards(report) && report.answeredRight >= LEXICAL_TARGETS.answeredRight && report.helpful >= LEXICAL_TARGETS.helpful;
}

/**
 * Better first. Settings that meet every target come first, and among them the most
 * cautious: the fewest wrong confident answers (a wrong answer costs a citizen more than a
 * suggestion or a handoff), then the most helpful, then the most answered right. Among the
 * others: the most answered right, then the most helpful.
 */
function compareReports(a: EvalReport, b: EvalReport): number {
  const meets = Number(meetsTargets(b)) - Number(meetsTargets(a));
  if (meets !== 0) return meets;
  if (meetsTargets(a)) return a.wrongConfident - b.wrongConfident || b.helpful - a.helpful || b.answeredRight - a.answeredRight;
  return b.answeredRight - a.answeredRight || b.helpful - a.helpful;
}

/** Among equals, the more cautious setting first: higher thresholds, smaller lead. */
function compareSettings(a: Setting, b: Setting): number {
  return (
    b.answer - a.answer ||
    b.suggest - a.suggest ||
    (a.lead ?? 1) - (b.lead ?? 1) ||
    (b.coverageLead ?? 1) - (a.coverageLead ?? 1) ||
    (a.subjectLead ?? 1) - (b.subjectLead ?? 1)
  );
}

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) values.push(Math.round((from + i * step) * 100) / 100);
  return values;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`calibrate: ${(error as Error).message}`);
  return 1;
});
