/**
 * Which tours an answer may offer on this page ("Chỉ cho tôi từng bước"). Lives in the app
 * chunk and loads only the small tours catalog, only once an answer names a tour; the tour
 * engine itself stays unloaded until the citizen presses the button.
 */
import { canOfferHere, fetchCatalog, tourIds } from './catalog.js';

export interface TourOffer {
  /** `true`/`false` once known; `undefined` while the catalog loads (`onChange` fires then). */
  runnable(id: string): boolean | undefined;
  start(id: string): void;
}

/**
 * @param url - the compiled tours (the `tours` option, or `tours.json` next to the script)
 * @param start - starts a tour through the host (`<dvc-assistant>.startTour`)
 * @param onChange - called when the catalog has arrived, to re-render the answers
 */
export function createTourOffer(url: () => string, start: (id: string) => void, onChange: () => void): TourOffer {
  let known: Set<string> | null = null;
  let asked = false;
  return {
    runnable(id) {
      const catalog = url();
      if (!canOfferHere(catalog)) return false;
      if (known) return known.has(id);
      if (!asked) {
        asked = true;
        fetchCatalog(catalog)
          .then((loaded) => (known = tourIds(loaded)))
          .catch(() => {
            known = null;
            asked = false; // asked again at the next answer
          })
          .finally(onChange);
      }
      return undefined;
    },
    start,
  };
}
