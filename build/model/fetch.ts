/**
 * `npm run model:fetch -- <model id> [--out dist/models]`
 *
 * Downloads the four files the widget and the compiler read for a q8 feature-extraction
 * model (config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx)
 * from `https://huggingface.co/<id>/resolve/main/…` (env `HF_ENDPOINT` replaces the host,
 * for a mirror) into `<out>/<id>/`, then rewrites `<out>/index.json`. Files land in a
 * staging folder first and move into place only when all four arrived, so a failed
 * download never leaves a half model that the index would list.
 *
 * Needs Hugging Face (or a mirror): not run in CI. Exit code 0 ok, 1 download failed, 2 bad command line.
 *
 * @example npm run model:fetch -- Xenova/multilingual-e5-small
 * @example DVC_MODEL=Xenova/multilingual-e5-small npm run build   # then embeds the corpus with it
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { MODEL_FILES, writeModelIndex, type ModelIndex } from './model-index.js';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';
const MODEL_ID = /^[\w.-]+(\/[\w.-]+)?$/;

export interface FetchOptions {
  id: string;
  /** Model base folder; default `dist/models`. */
  out?: string;
  /** Default `HF_ENDPOINT` or https://huggingface.co. */
  endpoint?: string;
  log?: (line: string) => void;
}

/** Thrown with a message meant for the person at the terminal. */
export class FetchError extends Error {}

/**
 * @throws FetchError when the id is malformed, the host is unreachable or a file is missing
 */
export async function fetchModel(options: FetchOptions): Promise<ModelIndex> {
  const { id } = options;
  if (!MODEL_ID.test(id) || id.includes('..')) throw new FetchError(`model:fetch: "${id}" is not a model id such as Xenova/multilingual-e5-small`);
  const out = options.out ?? path.join('dist', 'models');
  const endpoint = (options.endpoint ?? process.env['HF_ENDPOINT'] ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const target = path.join(out, ...id.split('/'));
  const staging = path.join(out, `.${id.replace(/\//g, '--')}.partial`);
  await rm(staging, { recursive: true, force: true });
  try {
    for (const file of MODEL_FILES) {
      const url = `${endpoint}/${id}/resolve/main/${file}`;
      const bytes = await download(url, path.join(staging, file), endpoint, out, id);
      log(`model:fetch: ${id}/${file} ${formatBytes(bytes)}`);
    }
    await rm(target, { recursive: true, force: true });
    await mkdir(path.dirname(target), { recursive: true });
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const index = await writeModelIndex(out);
  log(`model:fetch: ${id} → ${target.split(path.sep).join('/')}; ${path.join(out, 'index.json').split(path.sep).join('/')} lists ${index.models.map((model) => model.id).join(', ')}`);
  return index;
}

async function download(url: string, file: string, endpoint: string, out: string, id: string): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(
      `model:fetch: cannot reach ${endpoint} (${cause?.code ?? cause?.message ?? String(error)}). ` +
        `This machine has no access to it: run \`npm run model:fetch -- ${id}\` where Hugging Face is reachable and copy ` +
        `${path.join(out, ...id.split('/')).split(path.sep).join('/')}/ here, or set HF_ENDPOINT to a mirror.`,
    );
  }
  if (!response.ok || !response.body) {
    throw new FetchError(`model:fetch: ${url} answered HTTP ${response.status}${response.status === 404 ? ' (no such model or file)' : ''}`);
  }
  await mkdir(path.dirname(file), { recursive: true });
  let bytes = 0;
  const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  counted.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(counted, createWriteStream(file));
  return bytes;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const usage = 'usage: npm run model:fetch -- <model id> [--out dist/models]';
  let id: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' && argv[i + 1] !== undefined) out = argv[++i];
    else if (!arg.startsWith('--') && id === undefined) id = arg;
    else {
      process.stderr.write(`model:fetch: unknown option ${arg}\n${usage}\n`);
      return 2;
    }
  }
  if (!id) {
    process.stderr.write(`model:fetch: missing model id\n${usage}\n`);
    return 2;
  }
  try {
    await fetchModel({ id, ...(out === undefined ? {} : { out }) });
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof FetchError ? error.message : `model:fetch: ${String(error)}`}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
