/**
 * The sessionStorage key of a tour in progress. The loader imports only this, to decide
 * cheaply whether the tour chunk is needed on this page.
 */
export const TOUR_PROGRESS_KEY = 'dvc-assistant:tour';

/** Whether this tab has a tour in progress (storage blocked: no). */
export function hasTourProgress(): boolean {
  try {
    return sessionStorage.getItem(TOUR_PROGRESS_KEY) !== null;
  } catch {
    return false;
  }
}

/** Forgets the tour in progress (`stopTour()` before the tour chunk has loaded). */
export function clearTourProgress(): void {
  try {
    sessionStorage.removeItem(TOUR_PROGRESS_KEY);
  } catch {
    // Storage blocked: there is nothing to forget.
  }
}
