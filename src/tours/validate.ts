/**
 * Validates a tour read from JSON against the format of `format.ts`. Pure; the corpus
 * compiler turns each problem's JSON path into a `file:line` (build/tours/json-lines.ts).
 */
import { COMPLETION_KINDS, LOCATOR_KINDS, MAX_WAIT_MS, PLACEMENTS, type Tour } from './format.js';
import { patternProblem, startPathOf } from './url-pattern.js';

export type JsonPath = (string | number)[];

export interface TourProblem {
  path: JsonPath;
  message: string;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TOUR_KEYS = ['id', 'version', 'title', 'start', 'steps'];
const STEP_KEYS = ['id', 'url', 'target', 'title', 'body', 'placement', 'complete', 'error', 'wait', 'try'];
const TRY_KEYS = ['fill', 'select', 'check', 'file', 'click'];

/**
 * Every problem of a tour, in document order; an empty list means it is valid.
 *
 * @example validateTour(JSON.parse(text), 'dang-ky-khai-sinh')
 */
export function validateTour(value: unknown, fileId?: string): TourProblem[] {
  const problems: TourProblem[] = [];
  const report = (path: JsonPath, message: string) => problems.push({ path, message });
  if (!isObject(value)) {
    report([], 'a tour must be a JSON object with id, version, title, start and steps');
    return problems;
  }
  unknownKeys(value, TOUR_KEYS, [], report);
  if (typeof value.id !== 'string' || !ID.test(value.id)) report(['id'], '`id` must be lowercase words joined by -, e.g. dang-ky-khai-sinh');
  else if (fileId !== undefined && value.id !== fileId) report(['id'], `\`id\` "${value.id}" must match the file name (${fileId}.json)`);
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    report(['version'], '`version` must be a whole number ≥ 1 (raise it whenever the steps change)');
  }
  localised(value.title, ['title'], report);
  const startProblem = patternProblem(value.start);
  if (startProblem) report(['start'], `\`start\` ${startProblem}`);
  else if (!startPathOf(value.start as string)) report(['start'], '`start` must begin with a visitable path before any *');
  if (!Array.isArray(value.steps) || value.steps.length === 0) {
    report(['steps'], '`steps` must be a non-empty list');
    return problems;
  }
  const seen = new Map<string, number>();
  value.steps.forEach((step, index) => {
    const at: JsonPath = ['steps', index];
    if (!isObject(step)) {
      report(at, 'a step must be an object with id, url, title, body and complete');
      return;
    }
    unknownKeys(step, STEP_KEYS, at, report);
    if (typeof step.id !== 'string' || !ID.test(step.id)) report([...at, 'id'], 'step `id` must be lowercase words joined by -');
    else if (seen.has(step.id)) report([...at, 'id'], `step id "${step.id}" is already used by step ${seen.get(step.id)! + 1}`);
    else seen.set(step.id, index);
    const urlProblem = patternProblem(step.url);
    if (urlProblem) report([...at, 'url'], `\`url\` ${urlProblem}`);
    if (step.target !== undefined) locators(step.target, [...at, 'target'], report);
    localised(step.title, [...at, 'title'], report);
    localised(step.body, [...at, 'body'], report);
    if (step.placement !== undefined && !(PLACEMENTS as readonly unknown[]).includes(step.placement)) {
      report([...at, 'placement'], `\`placement\` must be one of ${PLACEMENTS.join(', ')}`);
    }
    completion(step.complete, step.target !== undefined, [...at, 'complete'], report);
    if (step.error !== undefined) errorBranch(step.error, [...at, 'error'], report);
    if (step.wait !== undefined && !(typeof step.wait === 'number' && step.wait >= 0 && step.wait <= MAX_WAIT_MS)) {
      report([...at, 'wait'], `\`wait\` must be a number of milliseconds from 0 to ${MAX_WAIT_MS}`);
    }
    if (step.try !== undefined) tryHint(step.try, [...at, 'try'], report);
  });
  return problems;
}

/** A valid tour narrowed to its type (for callers that already checked `validateTour`). */
export function asTour(value: unknown): Tour | null {
  return validateTour(value).length === 0 ? (value as Tour) : null;
}

type Report = (path: JsonPath, message: string) => void;

function localised(value: unknown, at: JsonPath, report: Report): void {
  if (!isObject(value)) {
    report(at, `\`${String(at[at.length - 1])}\` must be an object {"vi": "…", "en": "…"}`);
    return;
  }
  for (const lang of ['vi', 'en']) {
    if (typeof value[lang] !== 'string' || !(value[lang] as string).trim()) report([...at, lang], `\`${lang}\` text is missing or empty`);
  }
  unknownKeys(value, ['vi', 'en'], at, report);
}

function locators(value: unknown, at: JsonPath, report: Report): void {
  if (!Array.isArray(value) || value.length === 0) {
    report(at, 'a target must be a non-empty list of locators, e.g. [{"dvc": "submit-dossier"}, {"text": "Nộp hồ sơ"}]');
    return;
  }
  value.forEach((locator, index) => {
    const here = [...at, index];
    if (!isObject(locator)) {
      report(here, `a locator must be an object with one of ${LOCATOR_KINDS.join(', ')}`);
      return;
    }
    const keys = Object.keys(locator);
    const kind = keys.find((key) => (LOCATOR_KINDS as readonly string[]).includes(key));
    if (!kind) {
      report(here, `unknown locator ${JSON.stringify(keys)}; use one of ${LOCATOR_KINDS.join(', ')}`);
      return;
    }
    const allowed = kind === 'role' ? ['role', 'name'] : [kind];
    unknownKeys(locator, allowed, here, report);
    for (const key of allowed) {
      if (typeof locator[key] !== 'string' || !(locator[key] as string).trim()) report([...here, key], `\`${key}\` must be non-empty text`);
    }
    if (kind === 'css' && typeof locator.css === 'string' && /[{}]|<|javascript:/i.test(locator.css)) {
      report([...here, 'css'], '`css` must be a selector only');
    }
  });
}

function completion(value: unknown, hasTarget: boolean, at: JsonPath, report: Report): void {
  if (!isObject(value) || !(COMPLETION_KINDS as readonly unknown[]).includes(value.on)) {
    report(at, `\`complete\` must be {"on": one of ${COMPLETION_KINDS.join(', ')}}`);
    return;
  }
  const on = value.on as (typeof COMPLETION_KINDS)[number];
  unknownKeys(value, on === 'input' ? ['on', 'pattern'] : on === 'element' ? ['on', 'target'] : ['on'], at, report);
  if ((on === 'click' || on === 'input' || on === 'checked') && !hasTarget) {
    report([...at, 'on'], `\`complete.on: "${on}"\` needs the step to have a target`);
  }
  if (on === 'input' && value.pattern !== undefined) {
    try {
      if (typeof value.pattern !== 'string') throw new Error('not text');
      new RegExp(value.pattern);
    } catch {
      report([...at, 'pattern'], '`pattern` must be a valid regular expression');
    }
  }
  if (on === 'element') locators(value.target, [...at, 'target'], report);
}

function errorBranch(value: unknown, at: JsonPath, report: Report): void {
  if (!isObject(value)) {
    report(at, '`error` must be an object with when, title and body');
    return;
  }
  unknownKeys(value, ['when', 'target', 'title', 'body'], at, report);
  locators(value.when, [...at, 'when'], report);
  if (value.target !== undefined) locators(value.target, [...at, 'target'], report);
  localised(value.title, [...at, 'title'], report);
  localised(value.body, [...at, 'body'], report);
}

function tryHint(value: unknown, at: JsonPath, report: Report): void {
  if (!isObject(value)) {
    report(at, '`try` must be an object such as {"fill": "…"}');
    return;
  }
  unknownKeys(value, TRY_KEYS, at, report);
  for (const key of ['fill', 'select', 'file']) {
    if (value[key] !== undefined && typeof value[key] !== 'string') report([...at, key], `\`${key}\` must be text`);
  }
  for (const key of ['check', 'click']) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') report([...at, key], `\`${key}\` must be true or false`);
  }
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], at: JsonPath, report: Report): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) report([...at, key], `unknown field \`${key}\` (fields: ${allowed.join(', ')})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
