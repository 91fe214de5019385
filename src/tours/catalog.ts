/**
 * Fetching the compiled tours (`tours.json`) and deciding which tours may be offered on
 * this page. Shared by the panel (the "Chỉ cho tôi từng bước" button) and the tour chunk.
 */
import type { TourCatalog } from './format.js';

/** Where the tours are: the `tours` option, else `tours.json` next to the script. */
export function toursUrl(configured: string | null, base: string): string {
  return configured ?? new URL('tours.json', base).href;
}

const cache = new Map<string, Promise<TourCatalog>>();

/**
 * The compiled catalog, fetched once per URL per page (not validated here: the panel only
 * reads ids; the tour engine validates each tour before running it).
 */
export function fetchCatalog(url: string): Promise<TourCatalog> {
  let pending = cache.get(url);
  if (!pending) {
    pending = fetch(url, { credentials: 'omit' }).then((response) => {
      if (!response.ok) throw new Error(`dvc/tours: ${url} answered ${response.status}`);
      return response.json() as Promise<TourCatalog>;
    });
    pending.catch(() => cache.delete(url)); // a flaky connection gets another try later
    cache.set(url, pending);
  }
  return pending;
}

/** Ids of the catalog's tours. */
export function tourIds(catalog: TourCatalog): Set<string> {
  return new Set((Array.isArray(catalog?.tours) ? catalog.tours : []).map((tour) => String(tour?.id)));
}

/**
 * Whether tours from this catalog may be offered on this page: tours describe the pages of
 * the site that publishes them, so a catalog served from the page's own origin is this
 * site's (docs/decisions/0005-tours.md). A catalog on a CDN is never offered from an answer;
 * the agency's own script may still call `startTour(id)`.
 */
export function canOfferHere(catalogUrl: string, pageUrl: string = location.href): boolean {
  try {
    return new URL(catalogUrl, pageUrl).origin === new URL(pageUrl).origin;
  } catch {
    return false;
  }
}
