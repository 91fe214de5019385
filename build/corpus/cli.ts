import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CorpusArtifact, Embedder } from '../../src/search/core/types.js';
import { loadNodeEmbedder } from '../model/node-embedder.js';
import { compileCorpus } from './compile.js';
import { formatDiagnostic } from './diagnostics.js';

/**
 * `tsx build/corpus/cli.ts check|build [--dir corpus] [--out dist/corpus.json] [--tours-out <dir of --out>/tours.json] [--model <id>|none] [--model-base dist/models]`
 *
 * - `check` validates every file and prints all problems as `file:line: message`.
 * - `build` validates, then writes the artifact atomically (a temporary file renamed into
 *   place), so a failed or interrupted build never leaves a half-written corpus. The tours of
 *   `<dir>/tours/` are validated with the entries and written to `--tours-out`.
 * - `--model <id>` (build only) also embeds every phrasing with that model, read from
 *   `<model base>/<id>/`, into a sidecar next to the artifact
 *   (`<name>.vectors.<model>.bin`, written before the artifact); a model that is not there
 *   is an error (nothing written). Without it (or with `none`) the artifact is lexical only
 *   (`modelId: null`).
 * Everything goes to stderr. Exit code: 0 success, 1 corpus errors or missing model, 2 bad command line.
 */

const USAGE = 'usage: corpus (check | build) [--dir <corpus dir>] [--out <file>] [--tours-out <file>] [--model <id>|none] [--model-base <folder>]';

/** Where `--model` looks by default: where `npm run model:fetch` puts models and the widget finds them. */
export const DEFAULT_MODEL_BASE = path.join('dist', 'models');

export interface CliIo {
  /** Writes one line to stderr. */
  error(line: string): void;
  /** Today as YYYY-MM-DD, for tests; Việt Nam time otherwise. */
  today?: string;
}

/**
 * Runs the command line and returns the exit code.
 *
 * @example await main(['build', '--dir', 'corpus', '--out', 'dist/corpus.json'])
 */
export async function main(argv: readonly string[], io: CliIo = { error: (line) => process.stderr.write(`${line}\n`) }): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.error(`corpus: ${args}`);
    io.error(USAGE);
    return 2;
  }
  if (!existsSync(args.dir)) {
    io.error(`corpus: folder not found: ${args.dir}`);
    return 1;
  }
  let embedder: Embedder | undefined;
  const started = performance.now();
  if (args.command === 'build' && args.model !== undefined && args.model !== 'none') {
    try {
      embedder = (await loadNodeEmbedder({ model: args.model, modelBase: args.modelBase })) ?? undefined;
    } catch (error) {
      io.error(`corpus: model ${args.model} under ${args.modelBase} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    if (!embedder) {
      io.error(
        `corpus: model ${args.model} not found under ${args.modelBase} (needs config.json, tokenizer.json, ` +
          `tokenizer_config.json, onnx/model_quantized.onnx); run \`npm run model:fetch -- ${args.model}\` ` +
          'where Hugging Face is reachable, or build without --model; nothing written',
      );
      return 1;
    }
  }
  const result = await compileCorpus(args.dir, {
    ...(io.today === undefined ? {} : { today: io.today }),
    ...(embedder ? { embedder } : {}),
    artifactName: path.basename(args.out),
  });
  for (const diagnostic of result.diagnostics) io.error(formatDiagnostic(diagnostic));
  if (!result.artifact || result.json === undefined) {
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    io.error(`corpus: ${errors} error${errors === 1 ? '' : 's'}${args.command === 'build' ? `, nothing written` : ''}`);
    return 1;
  }
  if (args.command === 'build') {
    // The vectors first: an engine that sees the new artifact finds its sidecar already there.
    if (result.vectors) await writeAtomically(path.join(path.dirname(args.out), result.vectors.file), result.vectors.bytes);
    await writeAtomically(args.out, result.json);
  }
  io.error(summary(result.artifact, result.json, args.command === 'build' ? args.out : undefined));
  if (result.toursJson !== undefined) {
    const count = (JSON.parse(result.toursJson) as { tours: unknown[] }).tours.length;
    if (args.command === 'build') {
      const toursOut = args.toursOut ?? path.join(path.dirname(args.out), 'tours.json');
      await writeAtomically(toursOut, result.toursJson);
      io.error(`corpus: ${count} tours → ${toursOut.split(path.sep).join('/')}`);
    } else {
      io.error(`corpus: ${count} tours (checked)`);
    }
  }
  if (embedder) {
    const phrasings = result.artifact.entries.reduce((total, entry) => total + entry.questions.length + 1, 0);
    io.error(`corpus: embedded ${phrasings} phrasings with ${embedder.id} in ${Math.round(performance.now() - started)} ms`);
  }
  return 0;
}

interface Args {
  command: 'check' | 'build';
  dir: string;
  out: string;
  model?: string;
  modelBase: string;
  toursOut?: string;
}

const VALUE_OPTIONS = { '--dir': 'dir', '--out': 'out', '--tours-out': 'toursOut', '--model': 'model', '--model-base': 'modelBase' } as const;

function parseArgs(argv: readonly string[]): Args | string {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'build') return command === undefined ? 'missing command' : `unknown command \`${command}\``;
  const args: Args = { command, dir: 'corpus', out: path.join('dist', 'corpus.json'), modelBase: DEFAULT_MODEL_BASE };
  for (let i = 0; i < rest.length; i++) {
    const option = rest[i];
    const value = rest[i + 1];
    if (option !== undefined && option in VALUE_OPTIONS && value !== undefined && !value.startsWith('--')) {
      args[VALUE_OPTIONS[option as keyof typeof VALUE_OPTIONS]] = value;
      i++;
    } else {
      return `unknown or incomplete option \`${option}\``;
    }
  }
  return args;
}

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename, which
 * replaces the old file in one step; creates the folder when missing.
 */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function summary(artifact: CorpusArtifact, json: string, written: string | undefined): string {
  const count = (lang: string): number => artifact.entries.filter((entry) => entry.lang === lang).length;
  const questions = artifact.entries.reduce((total, entry) => total + entry.questions.length, 0);
  const bytes = Buffer.byteLength(json);
  const gzip = gzipSync(json, { level: 9 }).length;
  const target = written ? ` → ${written.split(path.sep).join('/')}` : ' (checked, nothing written)';
  const model = artifact.modelId ? `, embeddings of ${artifact.modelId} (${vectorBytes(artifact)} bytes in a sidecar)` : '';
  return `corpus: ${count('vi')} vi + ${count('en')} en entries, ${questions} questions${model}, ${bytes} bytes (${gzip} gzip)${target}`;
}

function vectorBytes(artifact: CorpusArtifact): number {
  return (artifact.embeddings as { bytes?: number } | undefined)?.bytes ?? 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
