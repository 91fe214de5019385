import { describe, expect, it } from 'vitest';
import { CorpusError } from '../../../src/errors.js';
import { createEngine } from '../../../src/search/core/engine.js';
import { buildLexicalIndex, loadLexicalIndex } from '../../../src/search/core/lexical.js';
import { FORMAT_VERSION, createArtifact, parseArtifact, stringifyArtifact } from '../../../src/search/core/serialise.js';
import { entry, fixtureArtifact } from './fixture.js';

describe('artifact round trip', () => {
  it('gives an engine with the same answers after JSON serialisation', async () => {
    const artifact = await fixtureArtifact();
    const again = parseArtifact(stringifyArtifact(artifact));
    expect(again).toEqual(artifact);
    const queries = ['lam lai cccd', 'khai sinh', 'thời tiết hôm nay', 'I lost my ID card'];
    const before = createEngine(artifact);
    const after = createEngine(again);
    for (const query of queries) expect(after.searchLexical(query, { lang: 'vi' })).toEqual(before.searchLexical(query, { lang: 'vi' }));
  });

  it('sorts entries by language then id and fixes their key order', () => {
    const artifact = createArtifact(
      [
        entry('tam-tru', ['đăng ký tạm trú']),
        entry('can-cuoc', ['identity card'], { lang: 'en', tour: 'x', procedure: '1.0' }),
        entry('can-cuoc', ['làm lại căn cước']),
      ],
      { corpusHash: 'abc' },
    );
    expect(artifact.entries.map((item) => `${item.lang}:${item.id}`)).toEqual(['en:can-cuoc', 'vi:can-cuoc', 'vi:tam-tru']);
    expect(Object.keys(artifact.entries[0]!)).toEqual([
      'id', 'lang', 'title', 'topic', 'questions', 'tags', 'answer', 'updated', 'sources', 'links', 'procedure', 'tour',
    ]);
    expect(artifact).toMatchObject({ format: FORMAT_VERSION, corpusHash: 'abc', modelId: null, createdFrom: 3 });
  });
});

describe('parseArtifact', () => {
  it('refuses an artifact of another format with a message that says what to do', async () => {
    const artifact = { ...(await fixtureArtifact()), format: FORMAT_VERSION + 1 };
    expect(() => parseArtifact(artifact)).toThrow(CorpusError);
    expect(() => parseArtifact(artifact)).toThrow(
      `dvc/search: corpus artifact format ${FORMAT_VERSION + 1} is not supported (this engine reads format ${FORMAT_VERSION}); ` +
        'rebuild the corpus with `npm run corpus:build` using the same version of dvc-assistant as the widget',
    );
    expect(() => createEngine(artifact)).toThrow(CorpusError);
  });

  it('names the CorpusError class explicitly, so minified builds keep it', () => {
    let caught: unknown;
    try {
      parseArtifact({});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CorpusError);
    expect((caught as Error).name).toBe('CorpusError');
  });

  it('refuses text that is not JSON, values that are not artifacts, and malformed entries', async () => {
    expect(() => parseArtifact('{not json')).toThrow('dvc/search: the corpus artifact is not valid JSON');
    expect(() => parseArtifact([])).toThrow('dvc/search: the corpus artifact is not an object');
    expect(() => parseArtifact({ format: FORMAT_VERSION })).toThrow('incomplete');
    const artifact = await fixtureArtifact();
    expect(() => parseArtifact({ ...artifact, entries: [{ id: 1 }] })).toThrow('dvc/search: entry 0 of the corpus artifact is malformed');
  });
});

describe('lexical index', () => {
  it('is built from the entries at load: the artifact holds no index, only the analyser that checked it', () => {
    const entries = [entry('tam-tru', ['đăng ký tạm trú']), entry('khai-sinh', ['đăng ký khai sinh'])];
    const artifact = createArtifact(entries, { corpusHash: 'abc' });
    expect(artifact.lexical).toEqual({ analyser: expect.stringMatching(/^a\d+-[0-9a-f]{8}$/) });
    // An artifact compiled when the tables were different still loads: the engine indexes with its own analyser.
    const older = { ...artifact, lexical: { analyser: 'a0-00000000' } };
    expect(createEngine(older).searchLexical('tam tru', { lang: 'vi' }).results[0]?.id).toBe('tam-tru');
    expect(() => loadLexicalIndex(null, entries)).toThrow(CorpusError);
    expect(() => loadLexicalIndex({ index: {} }, entries)).toThrow(/no lexical record/);
    expect(buildLexicalIndex(entries)).toEqual(artifact.lexical);
  });
});
