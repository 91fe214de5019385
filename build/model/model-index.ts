/**
 * The model folder layout the widget and the tools share: `<model base>/<model id>/…`
 * holding exactly the files transformers.js reads for a q8 feature-extraction model, and
 * `<model base>/index.json` listing the models actually present. The widget asks for a
 * model's files only when the index lists it, so a site without models sees no 404s.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Files of one model, relative to its folder (see docs/decisions/0003-embeddings.md). */
export const MODEL_FILES = Object.freeze(['config.json', 'tokenizer_config.json', 'tokenizer.json', 'onnx/model_quantized.onnx']);

/** `<model base>/index.json`. */
export interface ModelIndex {
  /** Models present, by id; `bytes` is the sum of their files (what a first visit downloads). */
  models: { id: string; bytes: number }[];
}

export const MODEL_INDEX_FILE = 'index.json';

/** Whether every file of a model is in `<base>/<id>/`. */
export function modelPresent(base: string, id: string): boolean {
  return MODEL_FILES.every((file) => existsSync(path.join(base, ...id.split('/'), file)));
}

/**
 * Models present under a base folder: `<base>/<name>/` or `<base>/<owner>/<name>/` with
 * every file of {@link MODEL_FILES}; sorted by id. An absent folder has none.
 */
export async function listModels(base: string): Promise<ModelIndex['models']> {
  if (!existsSync(base)) return [];
  const ids: string[] = [];
  for (const first of await subfolders(base)) {
    if (modelPresent(base, first)) ids.push(first);
    else for (const second of await subfolders(path.join(base, first))) if (modelPresent(base, `${first}/${second}`)) ids.push(`${first}/${second}`);
  }
  ids.sort();
  const models: ModelIndex['models'] = [];
  for (const id of ids) {
    let bytes = 0;
    for (const file of MODEL_FILES) bytes += (await stat(path.join(base, ...id.split('/'), file))).size;
    models.push({ id, bytes });
  }
  return models;
}

/**
 * Writes `<base>/index.json` for the models present (an empty list when there are none).
 *
 * @example await writeModelIndex('dist/models'); // → { models: [] }
 */
export async function writeModelIndex(base: string): Promise<ModelIndex> {
  const index: ModelIndex = { models: await listModels(base) };
  await mkdir(base, { recursive: true });
  const file = path.join(base, MODEL_INDEX_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeJson(temporary, index);
  await rename(temporary, file);
  return index;
}

async function subfolders(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/** Writes a model file or the index as indented JSON with a final newline (what transformers.js and people read). */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
