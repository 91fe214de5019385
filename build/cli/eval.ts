/**
 * `npm run --silent eval -- --file set.jsonl [--model none|<id>] [--model-base <dir>] [--check] [--json]`
 *
 * Runs every question of an evaluation set through the same engine as `ask` and prints
 * answered right, helpful, wrong confident answers, off-domain handed off, accuracy@1,
 * recall@3 and the misses. `--check` exits 1 when the lexical targets (or those of
 * `--targets file.json`, e.g. a regression floor) are not met.
 */
import { readFile } from 'node:fs/promises';
import { CLI_DEFAULTS, createCliEngine, parseOptions } from './engine.js';
import { readEvalSet } from './eval-set.js';
import { LEXICAL_TARGETS, evaluate, shortfalls, type EvalTargets } from './metrics.js';

const USAGE = 'usage: eval --file set.jsonl [--model none|<id>] [--model-base <dir>] [--artifact <file>] [--check [--targets file.json]] [--json]';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, {
      file: 'value',
      model: 'value',
      'model-base': 'value',
      artifact: 'value',
      check: 'flag',
      json: 'flag',
      targets: 'value',
    });
    if (typeof options.file !== 'string') throw new Error('--file is required');
  } catch (error) {
    console.error(`eval: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const cases = await readEvalSet(options.file as string);
  const engine = await createCliEngine({
    artifact: String(options.artifact ?? CLI_DEFAULTS.artifact),
    model: String(options.model ?? CLI_DEFAULTS.model),
    modelBase: String(options['model-base'] ?? CLI_DEFAULTS.modelBase),
    log: (line) => console.error(line),
  });
  const topics = new Map(engine.artifact.entries.map((e) => [e.id, e.topic]));
  const results = [];
  // Asked as the Vietnamese widget asks; the engine itself prefers English entries for English questions.
  for (const c of cases) results.push(await engine.search(c.q, 'vi'));
  const report = evaluate(cases, results, (id) => topics.get(id) ?? id);
  const targets = options.targets ? await readTargets(String(options.targets)) : LEXICAL_TARGETS;
  const failed = shortfalls(report, targets);

  if (options.json) {
    console.log(JSON.stringify({ mode: engine.mode, ...report }, null, 2));
  } else {
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(`${options.file}: ${report.total} questions (${report.inDomain} in domain, ${report.offDomain} off domain), ${engine.mode} mode`);
    console.log(`| measure | value | target (lexical) |${options.targets ? ' checked against |' : ''}\n|---|---:|---:|${options.targets ? '---:|' : ''}`);
    const row = (name: string, value: number, key: keyof EvalTargets, sign: string) =>
      console.log(`| ${name} | ${pct(value)} | ${sign} ${pct(LEXICAL_TARGETS[key])} |${options.targets ? ` ${sign} ${pct(targets[key])} |` : ''}`);
    row('answered right', report.answeredRight, 'answeredRight', '≥');
    row('helpful', report.helpful, 'helpful', '≥');
    row('wrong confident answers', report.wrongConfident, 'wrongConfident', '≤');
    row('off-domain handed off', report.offDomainHandedOff, 'offDomainHandedOff', '≥');
    console.log(`| accuracy@1 | ${pct(report.accuracyAt1)} | |`);
    console.log(`| recall@3 | ${pct(report.recallAt3)} | |`);
    console.log(`\nmisses (${report.misses.length}):`);
    for (const m of report.misses) console.log(`- ${m.q}  [expect ${m.expect.join('|')}] → ${m.decision}: ${m.top.join(', ') || '—'}`);
  }
  if (options.check && failed.length) {
    console.error(`eval: below target: ${failed.join('; ')}`);
    return 1;
  }
  return 0;
}

/** Targets from a JSON file (e.g. a regression floor), each missing one taken from the lexical targets. */
async function readTargets(file: string): Promise<EvalTargets> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Record<keyof EvalTargets, unknown>>;
  const targets = { ...LEXICAL_TARGETS };
  for (const key of Object.keys(targets) as (keyof EvalTargets)[]) {
    const value = parsed[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || value < 0 || value > 1) throw new Error(`${file}: ${key} must be a number from 0 to 1`);
    targets[key] = value;
  }
  return targets;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`eval: ${(error as Error).message}`);
  return 1;
});
