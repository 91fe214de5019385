/**
 * `npm run --silent ask -- --jsonl [--model none|<id>] [--model-base <dir>] [--lang vi|en] < questions.txt`
 *
 * One question per input line → one JSON object per output line (DESIGN.md "CLI contract"):
 * `{"q", "decision", "mode", "results": [{"id", "topic", "lang", "score"}]}`, best first, up to 5.
 * Everything else goes to stderr.
 */
import { createInterface } from 'node:readline';
import { CLI_DEFAULTS, createCliEngine, parseOptions } from './engine.js';

const USAGE = 'usage: ask --jsonl [--model none|<id>] [--model-base <dir>] [--artifact <file>] [--lang vi|en] < questions.txt';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv, { jsonl: 'flag', model: 'value', 'model-base': 'value', artifact: 'value', lang: 'value' });
  } catch (error) {
    console.error(`ask: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const lang = options.lang === 'en' ? 'en' : 'vi';
  const engine = await createCliEngine({
    artifact: String(options.artifact ?? CLI_DEFAULTS.artifact),
    model: String(options.model ?? CLI_DEFAULTS.model),
    modelBase: String(options['model-base'] ?? CLI_DEFAULTS.modelBase),
    log: (line) => console.error(line),
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const q = line.trim();
    if (!q) continue;
    const result = await engine.search(q, lang);
    const row = {
      q,
      decision: result.decision,
      mode: result.mode,
      results: result.results.map(({ id, topic, lang: l, score }) => ({ id, topic, lang: l, score: Math.round(score * 1e4) / 1e4 })),
    };
    process.stdout.write(options.jsonl ? `${JSON.stringify(row)}\n` : `${q}\n  → ${row.decision} ${row.results.map((r) => `${r.id} (${r.score})`).join(', ')}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
