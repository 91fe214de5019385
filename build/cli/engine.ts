/**
 * The engine the command-line tools use: the same artifact, core and model settings as the
 * browser, so `ask` and `eval` measure what citizens get.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULTS } from '../../src/config/schema.js';
import { createEngine } from '../../src/search/core/engine.js';
import { parseArtifact } from '../../src/search/core/serialise.js';
import type { CorpusArtifact, SearchResult } from '../../src/search/core/types.js';
import { compileCorpus } from '../corpus/compile.js';
import { formatDiagnostic } from '../corpus/diagnostics.js';
import { loadNodeEmbedder } from '../model/node-embedder.js';

export interface CliEngineOptions {
  /** The compiled artifact; compiled from `corpus/` in memory when the file is missing. */
  artifact: string;
  /** `none`, or a model id; default: the widget's default model. */
  model: string;
  /** Where model folders live; default `dist/models/`, as the widget's `<base>models/`. */
  modelBase: string;
  log(line: string): void;
}

export interface CliEngine {
  mode: 'lexical' | 'hybrid';
  artifact: CorpusArtifact;
  search(text: string, lang: 'vi' | 'en'): Promise<SearchResult>;
}

export const CLI_DEFAULTS = Object.freeze({
  artifact: 'dist/corpus.json',
  model: DEFAULTS.model,
  modelBase: 'dist/models/',
});

export async function createCliEngine(options: CliEngineOptions): Promise<CliEngine> {
  const { artifact, vectors } = await loadArtifact(options.artifact, options.log);
  let embedder = null;
  if (options.model !== 'none') {
    embedder = await loadNodeEmbedder({ model: options.model, modelBase: options.modelBase });
    if (!embedder) options.log(`ask: model ${options.model} not found under ${options.modelBase}; lexical mode`);
    else if (artifact.modelId !== options.model) {
      options.log(`ask: ${options.artifact} has no embeddings for ${options.model} (has ${artifact.modelId ?? 'none'}); lexical mode`);
      embedder = null;
    }
  }
  const engine = createEngine(artifact, embedder ? { embedder, vectors: await vectors() } : {});
  const mode = embedder ? 'hybrid' : 'lexical';
  return {
    mode,
    artifact,
    // `await` works whether the engine answers at once (lexical) or after embedding the query.
    search: async (text, lang) => await engine.search(text, { lang }),
  };
}

/** The artifact, and its vectors sidecar (read next to it, only when asked: lexical runs never need it). */
async function loadArtifact(file: string, log: (line: string) => void): Promise<{ artifact: CorpusArtifact; vectors: () => Promise<Uint8Array> }> {
  if (existsSync(file)) {
    const artifact = parseArtifact(JSON.parse(await readFile(file, 'utf8')));
    const sidecar = (artifact.embeddings as { file?: string } | undefined)?.file;
    const vectors = async (): Promise<Uint8Array> => {
      if (!sidecar) throw new Error(`ask: ${file} names no vectors file`);
      return new Uint8Array(await readFile(path.join(path.dirname(file), sidecar)));
    };
    return { artifact, vectors };
  }
  log(`ask: ${file} not found; compiling corpus/ in memory`);
  const result = await compileCorpus('corpus');
  for (const diagnostic of result.diagnostics) log(formatDiagnostic(diagnostic));
  if (!result.artifact) throw new Error('ask: the corpus has errors; run npm run corpus:check');
  return { artifact: result.artifact, vectors: async () => Promise.reject(new Error('ask: the in-memory corpus has no vectors')) };
}

/** Reads `--name value` options; unknown ones are an error that names them. */
export function parseOptions(argv: readonly string[], known: Record<string, 'flag' | 'value'>): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.replace(/^--/, '');
    if (!arg.startsWith('--') || !(name in known)) throw new Error(`unknown option ${arg}`);
    if (known[name] === 'flag') out[name] = true;
    else {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      out[name] = value;
    }
  }
  return out;
}
