import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../config/schema.js';
import { t } from '../../i18n/i18n.js';
import type { TourOffer } from '../../tours/offer.js';

/** The "Chỉ cho tôi từng bước" button under an answer whose entry has a tour that runs on this site. */
export function renderTourOffer(lang: Lang, tourId: string | undefined, offer: TourOffer | null): TemplateResult | typeof nothing {
  if (!tourId || !offer || offer.runnable(tourId) !== true) return nothing;
  return html`<p class="answer__tour">
    <button type="button" class="tour-button" part="tour-start" data-tour=${tourId} @click=${() => offer.start(tourId)}>
      ${t(lang, 'showMeSteps')}
    </button>
  </p>`;
}
