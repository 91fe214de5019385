import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileCorpus, phrasingKey } from '../../../build/corpus/compile.js';

/**
 * The evaluation sets measure how search copes with questions nobody wrote into the corpus
 * (test/eval/README.md). A corpus phrasing that is one of their questions, compared the way
 * the corpus compares phrasings for duplicates (case, accents and punctuation folded),
 * would be answered by a lookup and make the numbers say nothing.
 */
const SETS = ['test/eval/dev.jsonl', 'test/eval/check.jsonl'];

async function questionsOf(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => (JSON.parse(line) as { q: string }).q);
}

describe('the corpus and the evaluation sets', () => {
  it('share no question: no corpus title or phrasing equals a dev or check question once folded', async () => {
    const { artifact } = await compileCorpus('corpus');
    expect(artifact, 'the corpus compiles').toBeDefined();
    const phrasings = new Map<string, string>();
    for (const entry of artifact!.entries) {
      for (const text of [entry.title, ...entry.questions]) phrasings.set(phrasingKey(text), `${entry.lang}/${entry.id}: ${text}`);
    }
    const shared: string[] = [];
    for (const file of SETS) {
      for (const question of await questionsOf(file)) {
        const found = phrasings.get(phrasingKey(question));
        if (found !== undefined) shared.push(`${file} "${question}" = corpus ${found}`);
      }
    }
    expect(shared).toEqual([]);
  });

  it('would notice a shared question (the comparison folds case, accents and punctuation)', () => {
    expect(phrasingKey('Đăng ký tạm trú online như thế nào?')).toBe(phrasingKey('dang ky tam tru online nhu the nao'));
    expect(phrasingKey('đăng ký tạm trú')).not.toBe(phrasingKey('đăng ký thường trú'));
  });
});
