import { describe, expect, it } from 'vitest';
import { readEvalSet } from '../../../build/cli/eval-set.js';
import { compileCorpus, phrasingKey } from '../../../build/corpus/compile.js';
import { corpusPhrasings, overlapsAtLeast, wordOverlap } from '../../../build/corpus/overlap.js';

/**
 * The evaluation sets measure how search copes with questions nobody wrote into the corpus
 * (test/eval/README.md). A corpus phrasing that is one of their questions, compared the way
 * the corpus compares phrasings for duplicates (case, accents and punctuation folded),
 * would be answered by a lookup and make the numbers say nothing.
 */
const SETS = ['test/eval/dev.jsonl', 'test/eval/check.jsonl'];

async function questionsOf(file: string): Promise<string[]> {
  return (await readEvalSet(file)).map((c) => c.q);
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

  it('has no phrasing that nearly restates a dev or check question (word overlap below 0.9)', async () => {
    // 0.9 is the cut the sets were written with (test/eval/README.md). Titles are left out:
    // a title names the procedure ("Đăng ký hộ kinh doanh"), and a short question naming
    // it comes close to the title however it is written. New phrasings are kept below 0.6
    // (`npm run corpus:overlap -- --since HEAD`).
    const titleLines = new Set<string>();
    const phrasings = (await corpusPhrasings('corpus')).filter((p) => {
      const isTitle = !titleLines.has(p.file);
      titleLines.add(p.file);
      return !isTitle;
    });
    const sets = new Map(await Promise.all(SETS.map(async (file) => [file, await questionsOf(file)] as const)));
    const close = overlapsAtLeast(phrasings, sets, 0.9).map((o) => `${o.file}:${o.line} "${o.text}" ${o.overlap.toFixed(2)} (${o.set})`);
    expect(close).toEqual([]);
  });

  it('measures overlap on folded words and word pairs, so reordering or a new word lowers it', () => {
    expect(wordOverlap('Làm căn cước ở đâu?', 'lam can cuoc o dau')).toBe(1);
    expect(wordOverlap('làm căn cước ở đâu', 'ở đâu làm căn cước')).toBeLessThan(0.9);
    expect(wordOverlap('làm căn cước ở đâu', 'làm căn cước gắn chip ở đâu')).toBeLessThan(0.9);
    expect(wordOverlap('giá vàng', 'khai sinh')).toBe(0);
  });

  it('would notice a shared question (the comparison folds case, accents and punctuation)', () => {
    expect(phrasingKey('Đăng ký tạm trú online như thế nào?')).toBe(phrasingKey('dang ky tam tru online nhu the nao'));
    expect(phrasingKey('đăng ký tạm trú')).not.toBe(phrasingKey('đăng ký thường trú'));
  });
});
