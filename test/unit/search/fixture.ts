import { compileCorpus } from '../../../build/corpus/compile.js';
import { createArtifact } from '../../../src/search/core/serialise.js';
import type { CorpusArtifact, CorpusEntry } from '../../../src/search/core/types.js';

/** The compiled fixture corpus (`test/fixtures/corpus`), as the browser would load it. */
export async function fixtureArtifact(): Promise<CorpusArtifact> {
  const { json, diagnostics } = await compileCorpus('test/fixtures/corpus', { today: '2026-11-28' });
  if (json === undefined) throw new Error(`fixture corpus does not compile: ${JSON.stringify(diagnostics)}`);
  return JSON.parse(json) as CorpusArtifact;
}

/** A minimal valid entry for hand-made corpora. */
export function entry(id: string, questions: string[], overrides: Partial<CorpusEntry> = {}): CorpusEntry {
  return {
    id,
    lang: 'vi',
    title: questions[0] ?? id,
    topic: id,
    questions,
    tags: [],
    answer: `Trả lời cho ${id}.`,
    updated: '2026-11-01',
    sources: ['https://dichvucong.gov.vn/'],
    links: [],
    ...overrides,
  };
}

/** An artifact built from hand-made entries, through JSON as in the browser. */
export function artifactOf(entries: CorpusEntry[]): CorpusArtifact {
  return JSON.parse(JSON.stringify(createArtifact(entries, { corpusHash: 'test' }))) as CorpusArtifact;
}
