/** Tour progress in this tab's sessionStorage (nothing personal: ids, a step number, a path). */
import { isProgress, type TourProgress } from './progress.js';
import { TOUR_PROGRESS_KEY, clearTourProgress } from './progress-key.js';

export function readProgress(): TourProgress | null {
  try {
    const raw = sessionStorage.getItem(TOUR_PROGRESS_KEY);
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    if (isProgress(value)) return value;
  } catch {
    // Unreadable or blocked: treated as no tour in progress, and cleared below.
  }
  clearTourProgress();
  return null;
}

/** Saves progress; with storage blocked the tour still works on this page, just not across pages. */
export function writeProgress(progress: TourProgress): void {
  try {
    sessionStorage.setItem(TOUR_PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    console.info('dvc/tours: sessionStorage is blocked; the guide cannot continue on the next page.');
  }
}

export { clearTourProgress };
