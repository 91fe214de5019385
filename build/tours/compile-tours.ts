/**
 * Reads and validates `<corpus>/tours/*.json`, reporting every problem as `file:line`, and
 * builds the catalog the widget fetches (`dist/tours.json`).
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Tour, TourCatalog } from '../../src/tours/format.js';
import { validateTour } from '../../src/tours/validate.js';
import type { Diagnostic } from '../corpus/diagnostics.js';
import { jsonLines, lineOf } from './json-lines.js';

export interface ToursResult {
  diagnostics: Diagnostic[];
  /** Valid tours by id (invalid files are left out and reported). */
  tours: Map<string, Tour>;
  /** Every id a file declares or is named after, valid or not (for the entries' `tour:` check). */
  ids: Set<string>;
}

/** Validates every tour file in `<dir>/tours/`; `undefined` when that folder does not exist. */
export async function readTours(dir: string): Promise<ToursResult | undefined> {
  const folder = path.join(dir, 'tours');
  if (!existsSync(folder)) return undefined;
  const result: ToursResult = { diagnostics: [], tours: new Map(), ids: new Set() };
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  for (const name of names) {
    const file = path.join(folder, name).split(path.sep).join('/');
    const fileId = name.slice(0, -'.json'.length);
    result.ids.add(fileId);
    const text = await readFile(path.join(folder, name), 'utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      result.diagnostics.push({ file, line: syntaxLine(text, error), message: `not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`, severity: 'error' });
      continue;
    }
    const problems = validateTour(value, fileId);
    const lines = jsonLines(text);
    for (const problem of problems) {
      result.diagnostics.push({ file, line: lineOf(lines, problem.path), message: problem.message, severity: 'error' });
    }
    if (problems.length === 0) result.tours.set(fileId, value as Tour);
  }
  return result;
}

/** The compiled catalog: tours sorted by id, `try` hints kept (tours:check reads them from the same file). */
export function toursCatalog(tours: Map<string, Tour>): TourCatalog {
  return { format: 1, tours: [...tours.keys()].sort().map((id) => tours.get(id)!) };
}

/** Node's JSON errors give a character position; turn it into a line. */
function syntaxLine(text: string, error: unknown): number {
  const match = /position (\d+)/.exec(String((error as Error).message));
  if (!match) return 1;
  return text.slice(0, Number(match[1])).split('\n').length;
}
