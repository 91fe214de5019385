/**
 * The dense path end to end in Node, offline, with the project's tiny TEST model: model
 * generation, the Node embedder, build-time embeddings, hybrid search. These tests prove
 * the plumbing; the tiny model's "quality" means nothing (see make-tiny-model.ts).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCorpus, corpusHash } from '../../../build/corpus/compile.js';
import { main as corpusCli } from '../../../build/corpus/cli.js';
import { TINY_MODEL_ID, makeTinyModel } from '../../../build/model/make-tiny-model.js';
import { listModels } from '../../../build/model/model-index.js';
import { loadNodeEmbedder } from '../../../build/model/node-embedder.js';
import { createEngine, type GateOverrides } from '../../../src/search/core/engine.js';
import { FORMAT_VERSION, parseArtifact } from '../../../src/search/core/serialise.js';
import { loadEmbeddings } from '../../../src/search/core/vectors.js';
import type { CorpusArtifact, Embedder } from '../../../src/search/core/types.js';
import { fixtureArtifact } from './fixture.js';

const FIXTURE = 'test/fixtures/corpus';
const TODAY = '2026-11-28';
/** The hybrid gate calibrated for the tiny model's cosines (bag of words: 0.2–0.9), not for a real model. */
const TINY_GATE: GateOverrides = { hybrid: { cosineFloor: 0.2, cosineCeiling: 0.9 } };

let base: string;
let embedder: Embedder;
let hybridArtifact: CorpusArtifact;
let hybridJson: string;
let hybridVectors: Uint8Array;
const timings: Record<string, number> = {};

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'dvc-tiny-'));
  await makeTinyModel({ out: base });
  const started = performance.now();
  const loaded = await loadNodeEmbedder({ model: TINY_MODEL_ID, modelBase: base });
  timings['load'] = performance.now() - started;
  if (!loaded) throw new Error('the tiny model did not load');
  embedder = loaded;
  const compiled = await compileCorpus(FIXTURE, { today: TODAY, embedder });
  hybridArtifact = compiled.artifact!;
  hybridJson = compiled.json!;
  hybridVectors = compiled.vectors!.bytes;
}, 120_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('the tiny test model', () => {
  it('is written in the layout transformers.js reads, and listed in index.json', async () => {
    const dir = path.join(base, 'dvc-test', 'tiny-vi-embed');
    const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ model_type: 'bert', 'transformers.js_config': { dtype: 'q8' } });
    const tokenizer = JSON.parse(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')) as {
      normalizer: { normalizers: { type: string; strip_accents?: boolean; lowercase?: boolean }[] };
      model: { type: string; vocab: Record<string, number> };
    };
    expect(tokenizer.model.type).toBe('WordPiece');
    expect(tokenizer.normalizer.normalizers[1]).toMatchObject({ type: 'BertNormalizer', strip_accents: false, lowercase: true });
    // Accented, canonical and folded spellings of the corpus syllables.
    for (const word of ['căn', 'can', 'cước', 'cuoc', 'ký', 'kí', 'ky', 'ki']) expect(tokenizer.model.vocab, word).toHaveProperty(word);
    expect(JSON.parse(await readFile(path.join(base, 'index.json'), 'utf8'))).toEqual({ models: await listModels(base) });
    expect((await listModels(base)).map((model) => model.id)).toEqual([TINY_MODEL_ID]);
  });

  it('is deterministic: generated twice, byte for byte the same', async () => {
    const again = await mkdtemp(path.join(tmpdir(), 'dvc-tiny-'));
    try {
      await makeTinyModel({ out: again });
      for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
        const a = await readFile(path.join(base, 'dvc-test', 'tiny-vi-embed', file));
        const b = await readFile(path.join(again, 'dvc-test', 'tiny-vi-embed', file));
        expect(a.equals(b), file).toBe(true);
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('embeds through transformers.js offline: accented and folded spellings nearly alike, unrelated texts apart', async () => {
    const started = performance.now();
    const [accented, folded, other, unknown] = await embedder.embed([
      'Làm lại căn cước',
      'lam lai can cuoc',
      'Đăng ký khai sinh cho con',
      'zzqx wvvk',
    ]);
    timings['embed4'] = performance.now() - started;
    expect(embedder.id).toBe(TINY_MODEL_ID);
    expect(accented!.length).toBe(64);
    expect(Math.hypot(...accented!)).toBeCloseTo(1, 4);
    expect(cos(accented!, folded!)).toBeGreaterThan(0.8);
    expect(cos(accented!, other!)).toBeLessThan(0.5);
    expect([...unknown!].every((value) => value === 0)).toBe(true); // nothing known: a zero vector, not NaN
  });

  it('is null when the model folder is missing', async () => {
    expect(await loadNodeEmbedder({ model: 'dvc-test/absent', modelBase: base })).toBeNull();
    expect(await loadNodeEmbedder({ model: TINY_MODEL_ID, modelBase: path.join(base, 'nowhere') })).toBeNull();
  });
});

describe('build-time embeddings', () => {
  it('stores one int8 vector per phrasing in a sidecar the artifact names, with the model id, deterministically', async () => {
    expect(hybridArtifact).toMatchObject({ format: FORMAT_VERSION, modelId: TINY_MODEL_ID });
    const phrasings = hybridArtifact.entries.reduce((total, entry) => total + entry.questions.length + 1, 0);
    expect(hybridArtifact.embeddings).toEqual({
      file: 'corpus.vectors.dvc-test-tiny-vi-embed.bin',
      dim: 64,
      count: phrasings,
      prefix: 'query: ',
      quantisation: 'int8-per-vector',
      bytes: hybridVectors.length,
    });
    expect(hybridVectors.length).toBeGreaterThan(phrasings * 64); // header + one byte per component
    expect(hybridVectors.length).toBeLessThan(phrasings * 64 + 300);
    expect(Object.keys(hybridArtifact)).toEqual(['format', 'corpusHash', 'modelId', 'createdFrom', 'entries', 'lexical', 'embeddings']);
    // The artifact itself holds no vector: a lexical visitor downloads the same few bytes more.
    expect(hybridJson.length - JSON.stringify(await fixtureArtifact()).length).toBeLessThan(400);
    const again = await compileCorpus(FIXTURE, { today: TODAY, embedder });
    expect(again.json).toBe(hybridJson);
    expect(again.vectors!.bytes).toEqual(hybridVectors);
    expect(again.vectors!.file).toBe('corpus.vectors.dvc-test-tiny-vi-embed.bin');
    expect((await compileCorpus(FIXTURE, { today: TODAY, embedder, artifactName: 'site-a.json' })).vectors!.file).toBe(
      'site-a.vectors.dvc-test-tiny-vi-embed.bin',
    );
  });

  it('keys the corpus hash by the model id, and leaves the lexical artifact as it was', async () => {
    const lexical = await fixtureArtifact();
    expect(lexical.modelId).toBeNull();
    expect(lexical.embeddings).toBeUndefined();
    expect(lexical.corpusHash).toBe(corpusHash({ entries: lexical.entries }));
    expect(hybridArtifact.corpusHash).not.toBe(lexical.corpusHash);
    expect(hybridArtifact.corpusHash).toBe(corpusHash({ entries: hybridArtifact.entries, modelId: TINY_MODEL_ID }));
    const { embeddings: _vectors, ...withoutVectors } = hybridArtifact;
    expect(() => parseArtifact(withoutVectors)).toThrow(/no embeddings/);
    expect(() => parseArtifact({ ...lexical, embeddings: hybridArtifact.embeddings })).toThrow(/no modelId/);
  });

  it('is what `corpus build --model --model-base` writes; a missing model is an error and writes nothing', async () => {
    const out = path.join(base, 'cli', 'corpus.json');
    const lines: string[] = [];
    const io = { error: (line: string) => lines.push(line), today: TODAY };
    expect(await corpusCli(['build', '--dir', FIXTURE, '--out', out, '--model', TINY_MODEL_ID, '--model-base', base], io)).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(hybridJson);
    expect(new Uint8Array(await readFile(path.join(base, 'cli', 'corpus.vectors.dvc-test-tiny-vi-embed.bin')))).toEqual(hybridVectors);
    expect(lines.join('\n')).toMatch(/embeddings of dvc-test\/tiny-vi-embed \(\d+ bytes in a sidecar\)/);
    const missing = path.join(base, 'cli', 'missing.json');
    expect(await corpusCli(['build', '--dir', FIXTURE, '--out', missing, '--model', 'dvc-test/absent', '--model-base', base], io)).toBe(1);
    await expect(readFile(missing)).rejects.toThrow();
    expect(lines.at(-1)).toMatch(/model dvc-test\/absent not found under .*nothing written/);
  });
});

describe('hybrid search on the fixture corpus (tiny model: correctness, not quality)', () => {
  it('answers in hybrid mode with sane results', async () => {
    const engine = createEngine(hybridArtifact, { embedder, gate: TINY_GATE, vectors: hybridVectors });
    expect(engine.mode).toBe('hybrid');
    const exact = await engine.search('Đăng ký tạm trú online như thế nào?', { lang: 'vi' });
    expect(exact).toMatchObject({ mode: 'hybrid', decision: 'answer' });
    expect(exact.results[0]).toMatchObject({ id: 'tam-tru', score: 1 });
    const started = performance.now();
    const folded = await engine.search('lam lai can cuoc cong dan', { lang: 'vi' });
    timings['query'] = performance.now() - started;
    expect(folded).toMatchObject({ mode: 'hybrid', decision: 'answer' });
    expect(folded.results[0]?.id).toBe('can-cuoc');
    const scores = folded.results.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const query of ['thời tiết hôm nay thế nào', 'asdkjh qwe zxc', '']) {
      expect(await engine.search(query, { lang: 'vi' }), query).toMatchObject({ mode: 'hybrid', decision: 'handoff' });
    }
  });

  it('brings in entries that only the dense side finds', async () => {
    // A stand-in model that reads "xyzzy" as the stored vector of doi-gplx's first question:
    // what a real model does for a paraphrase that shares no word with the phrasings.
    const stored = loadEmbeddings(hybridVectors, hybridArtifact as typeof hybridArtifact & { modelId: string });
    const position = hybridArtifact.entries.findIndex((entry) => entry.id === 'doi-gplx');
    const row = hybridArtifact.entries.slice(0, position).reduce((total, entry) => total + entry.questions.length + 1, 0) + 1;
    const paraphrase: Embedder = { id: TINY_MODEL_ID, embed: async (texts) => texts.map(() => stored.vector(row)) };
    const engine = createEngine(hybridArtifact, { embedder: paraphrase, gate: TINY_GATE, vectors: hybridVectors });
    expect(engine.searchLexical('xyzzy', { lang: 'vi' }).results).toEqual([]);
    const result = await engine.search('xyzzy', { lang: 'vi' });
    expect(result.mode).toBe('hybrid');
    expect(result.decision).not.toBe('handoff');
    expect(result.results[0]?.id).toBe('doi-gplx');
    expect(result.results[0]?.score).toBeCloseTo(0.5, 2); // dense evidence alone: its weight in the confidence
  });

  it('stays lexical without a model, with another model, or when the model fails on a question', async () => {
    const lexicalEngine = createEngine(hybridArtifact);
    expect(lexicalEngine.mode).toBe('lexical');
    // Without its vectors sidecar, the model alone cannot make the engine hybrid.
    expect(lexicalEngine.setEmbedder(embedder)).toBe('lexical');
    expect(lexicalEngine.setEmbedder(null)).toBe('lexical');
    const lexical = await lexicalEngine.search('lam lai can cuoc cong dan', { lang: 'vi' });
    expect(lexical.mode).toBe('lexical');
    expect(lexicalEngine.searchLexical('lam lai can cuoc cong dan', { lang: 'vi' })).toEqual(lexical);

    const other: Embedder = { id: 'other/model', embed: embedder.embed };
    expect(createEngine(hybridArtifact, { embedder: other, vectors: hybridVectors }).mode).toBe('lexical');

    const failing: Embedder = { id: TINY_MODEL_ID, embed: async () => Promise.reject(new Error('out of memory')) };
    const engine = createEngine(hybridArtifact);
    engine.loadVectors(hybridVectors);
    expect(engine.setEmbedder(failing)).toBe('hybrid');
    expect(engine.mode).toBe('hybrid');
    expect(await engine.search('lam lai can cuoc cong dan', { lang: 'vi' })).toEqual(lexical);
    expect(engine.setEmbedder(null)).toBe('lexical');
    expect(engine.setEmbedder(embedder)).toBe('hybrid');
  });

  it('reports its timings (Node, tiny model)', () => {
    // Not an assertion on speed: the numbers go to the test log for the decision record.
    console.info(
      `tiny model in Node: load ${timings['load']?.toFixed(0)} ms, 4 texts ${timings['embed4']?.toFixed(1)} ms, ` +
        `hybrid query ${timings['query']?.toFixed(1)} ms`,
    );
    expect(timings['load']).toBeGreaterThan(0);
  });
});
