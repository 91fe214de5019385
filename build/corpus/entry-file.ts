import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { CorpusEntry } from '../../src/search/core/types.js';
import type { Diagnostic } from './diagnostics.js';

/**
 * Reads one corpus file (`<lang>/<id>.md`: YAML front matter between `---` lines, then
 * the Markdown answer) into an entry, reporting every problem with its line.
 */

/** Phrasings an entry needs at least: enough ways of asking to find it however a citizen types. */
export const MIN_QUESTIONS = 6;

/** The fields an entry file may have; anything else is a typo worth reporting. */
export const ENTRY_FIELDS = Object.freeze([
  'id',
  'lang',
  'title',
  'questions',
  'tags',
  'topic',
  'tour',
  'links',
  'procedure',
  'updated',
  'sources',
] as const);

/** An entry with the line of each phrasing and field, for checks across files. */
export interface ParsedEntry {
  file: string;
  entry: CorpusEntry;
  /** Line of each top-level field present. */
  lines: Partial<Record<(typeof ENTRY_FIELDS)[number], number>>;
  /** Line of the title (index 0) and of each question (index i = questions[i - 1]). */
  phrasingLines: number[];
}

export interface ReadContext {
  /** Shown path of the file, e.g. `corpus/vi/khai-sinh.md`. */
  file: string;
  /** Language folder the file is in. */
  folderLang: 'vi' | 'en';
  /** File name without `.md`. */
  name: string;
  /** Today as YYYY-MM-DD; `updated` may not be later. */
  today: string;
  /** Phrasings required; `MIN_QUESTIONS` unless a test checks one rule in isolation. */
  minQuestions?: number;
}

/** Plain-language hints for the YAML mistakes editors make most. */
const YAML_HINTS: Readonly<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: ' (a value containing `: ` must be quoted: title: "Đăng ký: hướng dẫn")',
  MISSING_CHAR: ' (a quote or bracket is not closed)',
  BAD_INDENT: ' (check the spaces at the start of the line)',
  TAB_AS_INDENT: ' (indent with spaces, not tabs)',
  DUPLICATE_KEY: ' (each field may appear once)',
};

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses and validates one file's text.
 *
 * @returns the entry (when the file has no error) and the diagnostics
 */
export interface ReadResult {
  /** The entry, when the file has no error. */
  parsed?: ParsedEntry;
  /** The id the file declares and its line, even when other fields are wrong (for duplicate checks). */
  declared?: { id: string; line: number };
  diagnostics: Diagnostic[];
}

export function readEntryFile(text: string, context: ReadContext): ReadResult {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    diagnostics.push({ file: context.file, line, message, severity });
  };

  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    report(1, 'missing YAML front matter: the file must start with a line `---`');
    return { diagnostics };
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (close < 0) {
    report(1, 'the front matter is not closed: add a line `---` after the last field');
    return { diagnostics };
  }

  // Line numbers: YAML line n is file line n + 1 (after the opening `---`).
  const lineCounter = new LineCounter();
  const document = parseDocument(lines.slice(1, close).join('\n'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line + 1);
  const lineOf = (node: unknown): number => lineAt((node as Node | null)?.range?.[0]);
  const yamlProblems = new Set<string>();
  for (const problem of [...document.errors, ...document.warnings]) {
    const line = lineAt(problem.pos[0]);
    const message = `YAML: ${problem.message.split('\n')[0]}${YAML_HINTS[problem.code] ?? ''}`;
    if (!yamlProblems.has(`${line}:${message}`)) report(line, message);
    yamlProblems.add(`${line}:${message}`);
  }
  if (document.errors.length > 0) return { diagnostics };
  if (!isMap(document.contents)) {
    report(1, 'the front matter must be a list of fields (`id: …`, `title: …`, …)');
    return { diagnostics };
  }

  const fields = new Map<string, Pair>();
  for (const pair of (document.contents as YAMLMap).items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(ENTRY_FIELDS as readonly string[]).includes(name)) {
      report(lineOf(pair.key), `unknown field \`${name}\` (fields: ${ENTRY_FIELDS.join(', ')})`);
      continue;
    }
    fields.set(name, pair);
  }
  const fieldLines: ParsedEntry['lines'] = {};
  for (const [name, pair] of fields) fieldLines[name as keyof ParsedEntry['lines']] = lineOf(pair.key);

  const read = new FieldReader(fields, report, lineOf);
  const id = read.text('id', true);
  const declared = id === undefined ? undefined : { id, line: fieldLines.id ?? 1 };
  if (id !== undefined && !KEBAB_ID.test(id)) {
    read.fail('id', `id \`${id}\` must be kebab-case ASCII (lowercase letters, digits and dashes)`);
  } else if (id !== undefined && id !== context.name) {
    read.fail('id', `id \`${id}\` must equal the file name \`${context.name}.md\``);
  }
  const lang = read.text('lang', true);
  if (lang !== undefined && lang !== context.folderLang) {
    read.fail('lang', `lang \`${lang}\` does not match the folder \`${context.folderLang}/\` (use vi or en, as the folder)`);
  }
  const title = read.text('title', true);
  const questions = read.textList('questions', true, context.minQuestions ?? MIN_QUESTIONS);
  const tags = read.textList('tags', false, 0) ?? [];
  const topic = read.text('topic', false);
  if (topic !== undefined && !KEBAB_ID.test(topic)) read.fail('topic', `topic \`${topic}\` must be an entry id (kebab-case)`);
  const tour = read.text('tour', false);
  const procedure = read.text('procedure', false, 'quote it, e.g. procedure: "1.004194"');
  const updated = read.text('updated', true);
  if (updated !== undefined) {
    const problem = dateProblem(updated, context.today);
    if (problem) read.fail('updated', problem);
  }
  const sources = read.textList('sources', true, 1);
  sources?.forEach((source, index) => {
    if (!isHttpUrl(source)) read.failItem('sources', index, `source \`${source}\` must be an http(s) URL`);
  });
  const links = read.links();

  const body = lines.slice(close + 1).join('\n').trim();
  if (body === '') report(Math.min(close + 2, lines.length), 'the answer is empty: write it below the closing `---`');

  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { declared, diagnostics };
  const entry: CorpusEntry = {
    id: id!,
    lang: lang as 'vi' | 'en',
    title: title!,
    topic: topic ?? id!,
    questions: questions!,
    tags,
    answer: body,
    updated: updated!,
    sources: sources!,
    links: links ?? [],
    ...(procedure === undefined ? {} : { procedure }),
    ...(tour === undefined ? {} : { tour }),
  };
  const phrasingLines = [fieldLines.title ?? 1, ...read.itemLines('questions')];
  return { parsed: { file: context.file, entry, lines: fieldLines, phrasingLines }, declared, diagnostics };
}

/** Typed access to front-matter fields, reporting problems at the right line. */
class FieldReader {
  constructor(
    private readonly fields: ReadonlyMap<string, Pair>,
    private readonly report: (line: number, message: string) => void,
    private readonly lineOf: (node: unknown) => number,
  ) {}

  fail(name: string, message: string): void {
    this.report(this.lineOf(this.fields.get(name)?.key), message);
  }

  failItem(name: string, index: number, message: string): void {
    const value = this.fields.get(name)?.value;
    this.report(this.lineOf(isSeq(value) ? value.items[index] : value), message);
  }

  itemLines(name: string): number[] {
    const value = this.fields.get(name)?.value;
    return isSeq(value) ? value.items.map((item) => this.lineOf(item)) : [];
  }

  /** A non-empty single-line string field. */
  text(name: string, required: boolean, hintForNumbers?: string): string | undefined {
    const pair = this.fields.get(name);
    if (!pair) {
      if (required) this.report(1, `missing field \`${name}\``);
      return undefined;
    }
    const value = pair.value;
    if (!isScalar(value) || value.value === null || value.value === '') {
      this.fail(name, `\`${name}\` must not be empty`);
      return undefined;
    }
    if (typeof value.value !== 'string') {
      this.fail(name, `\`${name}\` must be text${hintForNumbers ? ` (${hintForNumbers})` : ''}`);
      return undefined;
    }
    const text = value.value.trim();
    if (text === '') this.fail(name, `\`${name}\` must not be empty`);
    return text === '' ? undefined : text;
  }

  /** A list of non-empty strings with at least `min` items. */
  textList(name: string, required: boolean, min: number): string[] | undefined {
    const pair = this.fields.get(name);
    if (!pair) {
      if (required) this.report(1, `missing field \`${name}\``);
      return undefined;
    }
    const value = pair.value;
    if (!isSeq(value)) {
      this.fail(name, `\`${name}\` must be a list (one \`- item\` per line)`);
      return undefined;
    }
    // Too few items is reported, and the items are still checked, so an editor sees every problem at once.
    let valid = value.items.length >= min;
    if (!valid) this.fail(name, `\`${name}\` needs at least ${min} item${min === 1 ? '' : 's'}`);
    const texts: string[] = [];
    value.items.forEach((item, index) => {
      const text = isScalar(item) && typeof item.value === 'string' ? item.value.trim() : undefined;
      if (text === undefined || text === '') {
        const what = isScalar(item) && item.value !== null && item.value !== '' ? 'must be text' : 'is empty';
        this.failItem(name, index, `item ${index + 1} of \`${name}\` ${what}`);
        valid = false;
      } else {
        texts.push(text);
      }
    });
    return valid ? texts : undefined;
  }

  /** `links`: an optional list of `{ title, url }`. */
  links(): { title: string; url: string }[] | undefined {
    const pair = this.fields.get('links');
    if (!pair) return undefined;
    if (!isSeq(pair.value)) {
      this.fail('links', '`links` must be a list of `- title: …` / `url: …` items');
      return undefined;
    }
    const links: { title: string; url: string }[] = [];
    pair.value.items.forEach((item, index) => {
      const line = this.lineOf(item);
      if (!isMap(item)) {
        this.report(line, `link ${index + 1} must have \`title\` and \`url\``);
        return;
      }
      const value = (key: string): string | undefined => {
        const found = item.get(key, true);
        return isScalar(found) && typeof found.value === 'string' && found.value.trim() !== '' ? found.value.trim() : undefined;
      };
      for (const extra of item.items) {
        const key = isScalar(extra.key) ? String(extra.key.value) : '';
        if (key !== 'title' && key !== 'url') this.report(this.lineOf(extra.key), `unknown link field \`${key}\` (fields: title, url)`);
      }
      const title = value('title');
      const url = value('url');
      if (title === undefined) this.report(line, `link ${index + 1} needs a \`title\``);
      if (url === undefined) this.report(line, `link ${index + 1} needs a \`url\``);
      else if (!isHttpUrl(url) && !url.startsWith('/')) {
        this.report(line, `link url \`${url}\` must be an http(s) URL or a path starting with /`);
      }
      if (title !== undefined && url !== undefined) links.push({ title, url });
    });
    return links;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false; // not a URL at all: the caller reports it
  }
}

function dateProblem(text: string, today: string): string | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return `updated \`${text}\` must be a date written YYYY-MM-DD`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `updated \`${text}\` is not a real date`;
  }
  if (text > today) return `updated \`${text}\` is in the future (today is ${today})`;
  return undefined;
}
