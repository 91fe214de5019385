import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { foldSyllable, syllables } from '../../src/search/core/normalise.js';
import { createArtifact, stringifyArtifact } from '../../src/search/core/serialise.js';
import type { CorpusArtifact, Embedder } from '../../src/search/core/types.js';
import { embeddingsRecord, encodeVectorFile, phrasingTexts, vectorFileName } from '../../src/search/core/vectors.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { readEntryFile, type ParsedEntry } from './entry-file.js';
import { readTours, toursCatalog } from '../tours/compile-tours.js';

/**
 * The corpus compiler: reads `<dir>/vi/*.md` and `<dir>/en/*.md`, validates each file and
 * the corpus as a whole, and builds the artifact with the same search core the browser
 * runs (one normaliser, one tokenizer, one index builder).
 */

export interface CompileOptions {
  /** Today as YYYY-MM-DD (Việt Nam time by default); `updated` dates may not be later. */
  today?: string;
  /**
   * Embedding model: when given, every phrasing (title and questions) is embedded and
   * stored as int8 vectors in a sidecar file, which the artifact names with the model's id
   * (see src/search/core/vectors.ts).
   */
  embedder?: Embedder;
  /** File name the artifact will have (default `corpus.json`): the sidecar is named after it. */
  artifactName?: string;
}

export interface CompileResult {
  /** Errors and warnings, by file and line. */
  diagnostics: Diagnostic[];
  /** The artifact, when there is no error. */
  artifact?: CorpusArtifact;
  /** The artifact as written to disk, when there is no error. */
  json?: string;
  /** With an embedder: the vectors sidecar, to write next to the artifact under `file`. */
  vectors?: { file: string; bytes: Uint8Array };
  /** The compiled tours (`tours.json`), when there is no error and the corpus has a tours/ folder. */
  toursJson?: string;
}

const LANGS = ['vi', 'en'] as const;

/**
 * Validates the corpus in `dir` and, when it has no error, builds the artifact.
 *
 * @example
 * const { diagnostics, json } = await compileCorpus('corpus');
 */
export async function compileCorpus(dir: string, options: CompileOptions = {}): Promise<CompileResult> {
  const today = options.today ?? todayInVietnam();
  const { diagnostics, parsed, declared, files } = await readEntryFiles(dir, today);
  if (files === 0) {
    diagnostics.push({ file: toPosix(dir), line: 1, message: 'no entries: expected Markdown files in vi/ or en/', severity: 'error' });
  }
  const tours = await readTours(dir);
  diagnostics.push(...duplicateIds(declared), ...crossChecks(parsed, tours?.ids), ...(tours?.diagnostics ?? []));

  const sorted = sortDiagnostics(diagnostics);
  if (sorted.some((diagnostic) => diagnostic.severity === 'error')) return { diagnostics: sorted };
  let artifact = createArtifact(
    parsed.map(({ entry }) => entry),
    { corpusHash: '', modelId: null },
  );
  const toursJson = tours ? { toursJson: JSON.stringify(toursCatalog(tours.tours)) } : {};
  if (!options.embedder) {
    artifact.corpusHash = corpusHash(artifact);
    return { diagnostics: sorted, artifact, json: stringifyArtifact(artifact), ...toursJson };
  }
  // The sidecar's header carries the corpus hash (which covers the model id, not the
  // vectors), so the hash comes first, then the file, then the record of it in the artifact.
  const { id: modelId } = options.embedder;
  const vectors = await options.embedder.embed(phrasingTexts(artifact.entries));
  artifact.corpusHash = corpusHash({ entries: artifact.entries, modelId });
  const file = vectorFileName(options.artifactName ?? 'corpus.json', modelId);
  const bytes = encodeVectorFile(vectors, { corpusHash: artifact.corpusHash, modelId });
  artifact = { ...artifact, modelId, embeddings: embeddingsRecord(file, bytes) };
  return { diagnostics: sorted, artifact, json: stringifyArtifact(artifact), vectors: { file, bytes }, ...toursJson };
}

/** Every entry file of `dir` read and checked on its own: what cross-file checks start from. */
export interface EntryFiles {
  diagnostics: Diagnostic[];
  /** The entries of the files without an error, with their lines. */
  parsed: ParsedEntry[];
  declared: DeclaredId[];
  /** Files read. */
  files: number;
}

/**
 * Reads every `<lang>/<id>.md` of the corpus in `dir` (vi, then en; files by name).
 *
 * @param today - YYYY-MM-DD; `updated` dates may not be later
 */
export async function readEntryFiles(dir: string, today: string): Promise<EntryFiles> {
  const out: EntryFiles = { diagnostics: [], parsed: [], declared: [], files: 0 };
  for (const lang of LANGS) {
    const folder = path.join(dir, lang);
    if (!existsSync(folder)) continue;
    const names = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
    for (const name of names) {
      out.files++;
      const file = toPosix(path.join(folder, name));
      const text = await readFile(path.join(folder, name), 'utf8');
      const result = readEntryFile(text, { file, folderLang: lang, name: name.slice(0, -'.md'.length), today });
      out.diagnostics.push(...result.diagnostics);
      if (result.parsed) out.parsed.push(result.parsed);
      if (result.declared) out.declared.push({ file, lang, ...result.declared });
    }
  }
  return out;
}

interface DeclaredId {
  file: string;
  lang: string;
  id: string;
  line: number;
}

/**
 * Ids declared twice in one language (a copied file whose id was not changed). The file
 * named after the id owns it; every other file declaring it is reported.
 */
function duplicateIds(declared: readonly DeclaredId[]): Diagnostic[] {
  const groups = new Map<string, DeclaredId[]>();
  for (const item of declared) {
    const key = `${item.lang}:${item.id}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const owner = group.find((item) => path.posix.basename(item.file) === `${item.id}.md`) ?? group[0]!;
    for (const item of group) {
      if (item === owner) continue;
      diagnostics.push({
        file: item.file,
        line: item.line,
        message: `id \`${item.id}\` is already used by ${owner.file}:${owner.line}`,
        severity: 'error',
      });
    }
  }
  return diagnostics;
}

/**
 * Problems that involve several valid files: English entries without a
 * Vietnamese one, unknown topics and tours, and phrasings repeated once accents are
 * removed (within an entry, across entries of one language, or across languages for
 * different ids; an entry's title may repeat one of its own questions).
 */
function crossChecks(parsed: readonly ParsedEntry[], tours: ReadonlySet<string> | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (file: string, line: number, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    diagnostics.push({ file, line, message, severity });
  };
  const where = (item: { file: string; line: number }): string => `${item.file}:${item.line}`;

  const ids = new Set(parsed.map(({ entry }) => `${entry.lang}:${entry.id}`));
  const viIds = new Set(parsed.filter(({ entry }) => entry.lang === 'vi').map(({ entry }) => entry.id));
  for (const { file, entry, lines } of parsed) {
    if (entry.lang === 'en' && !viIds.has(entry.id)) {
      error(file, lines.id ?? 1, `English entry \`${entry.id}\` has no Vietnamese entry vi/${entry.id}.md`, 'warning');
    }
    if (entry.topic !== entry.id && !ids.has(`${entry.lang}:${entry.topic}`) && !viIds.has(entry.topic)) {
      error(file, lines.topic ?? 1, `topic \`${entry.topic}\` is not the id of any entry`);
    }
    if (entry.tour !== undefined && tours && !tours.has(entry.tour)) {
      error(file, lines.tour ?? 1, `tour \`${entry.tour}\` does not exist in tours/ (known: ${[...tours].sort().join(', ') || 'none'})`);
    }
  }

  const seen = new Map<string, { file: string; line: number; lang: string; id: string; phrasing: number }>();
  for (const { file, entry, phrasingLines } of parsed) {
    [entry.title, ...entry.questions].forEach((text, phrasing) => {
      const line = phrasingLines[phrasing] ?? 1;
      const key = phrasingKey(text);
      const what = phrasing === 0 ? 'title' : 'question';
      if (key === '') {
        error(file, line, `${what} "${text}" has no words`);
        return;
      }
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { file, line, lang: entry.lang, id: entry.id, phrasing });
        return;
      }
      const sameEntry = first.id === entry.id && first.lang === entry.lang;
      const conflict = sameEntry ? first.phrasing !== 0 : first.lang === entry.lang || first.id !== entry.id;
      if (conflict) error(file, line, `${what} "${text}" repeats ${where(first)} (same words once accents are removed)`);
    });
  }
  return diagnostics;
}

/** How phrasings are compared for duplicates: the search keys of their tokens. */
export function phrasingKey(text: string): string {
  return syllables(text).map(foldSyllable).join(' ');
}

/**
 * sha256 (first 16 hex digits) of the normalised corpus: the compiled entries in their
 * canonical order and key order, so reformatting a file without changing its content
 * keeps the hash, and embeddings keyed by it stay valid. With embeddings, the model id is
 * part of the hash too (an artifact without a model hashes as before).
 */
export function corpusHash(artifact: Pick<CorpusArtifact, 'entries'> & { modelId?: string | null }): string {
  const hash = createHash('sha256').update(JSON.stringify(artifact.entries));
  if (artifact.modelId) hash.update(`\nmodel:${artifact.modelId}`);
  return hash.digest('hex').slice(0, 16);
}

/** Today's date in Việt Nam (UTC+7), where the corpus editors work. */
export function todayInVietnam(now = Date.now()): string {
  return new Date(now + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
