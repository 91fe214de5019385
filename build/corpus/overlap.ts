import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readEvalSet } from '../cli/eval-set.js';
import { phrasingKey, readEntryFiles } from './compile.js';

/**
 * `npm run --silent corpus:overlap -- [--min 0.6] [--dir corpus] [--sets a.jsonl,b.jsonl] [--since <git ref>]`
 *
 * Lists the corpus titles and phrasings that come too close to a question of the evaluation
 * sets, as `file:line`. The sets measure how search copes with questions nobody wrote into
 * the corpus (test/eval/README.md): a phrasing that nearly restates one of their questions
 * makes the numbers say less. The eval question itself is never printed, so that an
 * editor writing phrasings stays blind to the sets; rewrite the phrasing in other words.
 * `--since HEAD` looks only at lines added since that commit: the phrasings one is writing.
 * Exit code: 0 none at or above `--min`, 1 some, 2 bad command line.
 */

const USAGE = 'usage: corpus:overlap [--min <0..1>] [--dir <corpus dir>] [--sets <file.jsonl,...>] [--since <git ref>]';
export const DEFAULT_SETS = Object.freeze(['test/eval/dev.jsonl', 'test/eval/check.jsonl']);

/**
 * Dice overlap of two texts' folded syllables and syllable pairs, in [0, 1]: 1 when they
 * are the same words in the same order (case, accents and punctuation aside).
 *
 * @example wordOverlap('làm căn cước ở đâu', 'lam can cuoc o dau') // → 1
 */
export function wordOverlap(a: string, b: string): number {
  return dice(shingles(a), shingles(b));
}

/** Folded syllables and adjacent pairs of a text: what {@link wordOverlap} compares. */
export function shingles(text: string): Set<string> {
  const words = phrasingKey(text).split(' ').filter(Boolean);
  const out = new Set(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** A corpus phrasing (or title) with where it is written. */
export interface Phrasing {
  file: string;
  line: number;
  text: string;
}

/** A phrasing and its highest overlap with any question of `set`. */
export interface Overlap extends Phrasing {
  overlap: number;
  set: string;
}

/** Every title and question of the corpus in `dir`, with its file and line (files with errors are left to corpus:check). */
export async function corpusPhrasings(dir: string): Promise<Phrasing[]> {
  const { parsed } = await readEntryFiles(dir, '9999-12-31');
  return parsed.flatMap(({ file, entry, phrasingLines }) =>
    [entry.title, ...entry.questions].map((text, i) => ({ file, line: phrasingLines[i] ?? 1, text })),
  );
}

/**
 * The phrasings whose overlap with some question of the sets is at least `min`, highest first.
 *
 * @param sets - set name → its questions
 */
export function overlapsAtLeast(phrasings: readonly Phrasing[], sets: ReadonlyMap<string, readonly string[]>, min: number): Overlap[] {
  const setShingles = [...sets].map(([set, questions]) => ({ set, questions: questions.map(shingles) }));
  const out: Overlap[] = [];
  for (const phrasing of phrasings) {
    const mine = shingles(phrasing.text);
    let best: Overlap | undefined;
    for (const { set, questions } of setShingles) {
      for (const theirs of questions) {
        const overlap = dice(mine, theirs);
        if (overlap >= min && (!best || overlap > best.overlap)) best = { ...phrasing, overlap, set };
      }
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.overlap - a.overlap || a.file.localeCompare(b.file) || a.line - b.line);
}

/** File → lines added since `ref` (working tree against the commit), from `git diff`. */
function addedLines(dir: string, ref: string): Map<string, Set<number>> {
  const diff = execFileSync('git', ['diff', '--unified=0', '--no-color', '--no-ext-diff', ref, '--', dir], { encoding: 'utf8' });
  const out = new Map<string, Set<number>>();
  let lines: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    const file = /^\+\+\+ b\/(.+)$/.exec(line);
    if (file) out.set(file[1]!, (lines = new Set()));
    const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && lines) {
      const start = Number(hunk[1]);
      for (let n = 0; n < Number(hunk[2] ?? 1); n++) lines.add(start + n);
    }
  }
  return out;
}

async function main(argv: readonly string[]): Promise<number> {
  let min = 0.6;
  let dir = 'corpus';
  let setFiles: readonly string[] = DEFAULT_SETS;
  let since: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || !['--min', '--dir', '--sets', '--since'].includes(flag!)) {
      console.error(`corpus:overlap: ${value === undefined && flag ? `${flag} needs a value` : `unknown argument ${flag}`}\n${USAGE}`);
      return 2;
    }
    i++;
    if (flag === '--min') min = Number(value);
    if (flag === '--dir') dir = value;
    if (flag === '--sets') setFiles = value.split(',').filter(Boolean);
    if (flag === '--since') since = value;
  }
  if (!(min > 0 && min <= 1)) {
    console.error(`corpus:overlap: --min must be a number in (0, 1], got ${min}\n${USAGE}`);
    return 2;
  }
  const sets = new Map<string, string[]>();
  for (const file of setFiles) sets.set(path.basename(file), (await readEvalSet(file)).map((c) => c.q));
  let phrasings = await corpusPhrasings(dir);
  if (since !== undefined) {
    const added = addedLines(dir, since);
    phrasings = phrasings.filter((p) => added.get(p.file)?.has(p.line));
  }
  const found = overlapsAtLeast(phrasings, sets, min);
  for (const o of found) console.log(`${o.file}:${o.line}: "${o.text}" — overlap ${o.overlap.toFixed(2)} with a question of ${o.set}`);
  console.error(`corpus:overlap: ${found.length} phrasing(s) at or above ${min} with ${[...sets.keys()].join(', ')}`);
  return found.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`corpus:overlap: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
