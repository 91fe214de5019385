/**
 * Tour progress across page loads, and what to do with it when a page loads. Pure: the
 * storage shell is `progress-store.ts`, the key lives in `progress-key.ts` (the loader reads it).
 */
import type { Tour } from './format.js';
import { matchesPath, normalisePath } from './url-pattern.js';

export interface TourProgress {
  tourId: string;
  version: number;
  /** Index of the step the citizen is on. */
  step: number;
  /** Path of the page where that step was last shown (where "resume" goes back to). */
  path: string;
  /** Page loads since the step last changed: a redirect loop shows up as a growing count. */
  loads: number;
  /** Navigations the engine itself made since the step last changed. */
  redirects: number;
}

/** What the engine does with saved progress on a new page. */
export type Resumption =
  | { kind: 'show'; step: number } // show this step here
  | { kind: 'restart' } // the tour was edited since: start again from the beginning
  | { kind: 'off-path'; step: number } // the citizen left the tour's pages: offer resume or stop
  | { kind: 'loop' } // the page keeps reloading or redirecting: stop and hand back
  | { kind: 'done' } // the last step was completed by this navigation
  | { kind: 'unknown-tour' };

export const PROGRESS_LIMITS = Object.freeze({
  /** Loads of the same step before it counts as a loop (a reload or two is normal). */
  maxLoads: 6,
  /** Navigations the engine may make for one step (resume, start page). */
  maxRedirects: 2,
});

/**
 * Decides, on a page load, where a tour in progress continues.
 *
 * The saved step is shown if this page matches its url. A step completed by leaving the
 * page (`complete.on: 'url'`), or one whose action led here, moves on to the first later
 * step whose url matches this page. Anything else is off the path.
 *
 * @example resumeOnLoad(progress, tour, '/thu-tuc/khai-sinh/xac-nhan')
 */
export function resumeOnLoad(progress: TourProgress, tour: Tour | undefined, path: string, limits = PROGRESS_LIMITS): Resumption {
  if (!tour) return { kind: 'unknown-tour' };
  if (tour.version !== progress.version || progress.step >= tour.steps.length || progress.step < 0) return { kind: 'restart' };
  if (progress.loads + 1 > limits.maxLoads || progress.redirects > limits.maxRedirects) return { kind: 'loop' };
  const page = normalisePath(path);
  const current = tour.steps[progress.step]!;
  const left = page !== normalisePath(progress.path);
  if (current.complete.on === 'url' && left) {
    const next = laterStepOn(tour, progress.step, page);
    if (next !== null) return { kind: 'show', step: next };
    if (progress.step === tour.steps.length - 1) return { kind: 'done' };
    return { kind: 'off-path', step: progress.step };
  }
  if (matchesPath(current.url, page)) return { kind: 'show', step: progress.step };
  const next = laterStepOn(tour, progress.step, page);
  return next === null ? { kind: 'off-path', step: progress.step } : { kind: 'show', step: next };
}

/** Progress after this page load, before anything is shown (counts loads for the loop guard). */
export function afterLoad(progress: TourProgress, resumption: Resumption, path: string): TourProgress {
  if (resumption.kind === 'show' && resumption.step !== progress.step) {
    return { ...progress, step: resumption.step, path: normalisePath(path), loads: 1, redirects: 0 };
  }
  if (resumption.kind === 'show') return { ...progress, path: normalisePath(path), loads: progress.loads + 1 };
  return { ...progress, loads: progress.loads + 1 };
}

/** Fresh progress at a step (a start, a restart, or an advance). */
export function progressAt(tour: Tour, step: number, path: string): TourProgress {
  return { tourId: tour.id, version: tour.version, step, path: normalisePath(path), loads: 1, redirects: 0 };
}

/** Narrows stored data that may be stale or tampered with. */
export function isProgress(value: unknown): value is TourProgress {
  if (!value || typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.tourId === 'string' &&
    typeof p.path === 'string' &&
    [p.version, p.step, p.loads, p.redirects].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
  );
}

/** The first step after `from` whose url matches the page (a few steps may be done on one page). */
function laterStepOn(tour: Tour, from: number, page: string): number | null {
  for (let i = from + 1; i < tour.steps.length; i++) {
    if (matchesPath(tour.steps[i]!.url, page)) return i;
  }
  return null;
}
