import { readFile } from 'node:fs/promises';
import type { EvalCase } from './metrics.js';

/**
 * Reads an evaluation set (JSONL: one `{"q": …, "expect": …}` per line, blank lines
 * skipped), as `eval`, `calibrate`, `corpus:overlap` and the tests read it. A line that is
 * not JSON, or lacks a question or an expectation, fails with `file:line`.
 */
export async function readEvalSet(file: string): Promise<EvalCase[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const cases: EvalCase[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const c = parsed as Partial<EvalCase>;
    const validExpect = typeof c.expect === 'string' || (Array.isArray(c.expect) && c.expect.every((x) => typeof x === 'string'));
    if (typeof c.q !== 'string' || !c.q.trim() || !validExpect) throw new Error(`${file}:${i + 1}: needs "q" and "expect"`);
    cases.push({ q: c.q, expect: c.expect! });
  });
  return cases;
}
