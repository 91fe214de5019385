/**
 * The widget's own cost on the host page, from web-vitals with attribution: each CLS, INP and
 * LCP report says whether the widget caused it. Reported as `dvc-vitals` CustomEvents only
 * (the `/v1/events` contract has no type for them), so the agency can watch them in its own
 * analytics. Loaded lazily, and only when telemetry is not `off`.
 */
import { onCLS, onINP, onLCP, type CLSMetricWithAttribution, type INPMetricWithAttribution, type LCPMetricWithAttribution } from 'web-vitals/attribution';

export interface DvcVitalsDetail {
  name: 'CLS' | 'INP' | 'LCP';
  value: number;
  rating: 'good' | 'needs-improvement' | 'poor';
  /** The widget caused this (the shifted, interacted or painted element is `<dvc-assistant>` or inside it). */
  widget: boolean;
}

export class DvcVitalsEvent extends CustomEvent<DvcVitalsDetail> {
  constructor(detail: DvcVitalsDetail) {
    super('dvc-vitals', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-vitals': DvcVitalsEvent;
  }
}

/** Starts reporting; web-vitals has no way to stop its observers, so the teardown only mutes them. */
export function reportVitals(host: HTMLElement): () => void {
  let active = true;
  const ours = (target: string | undefined) => !!target && /(^|\s|>)dvc-assistant\b/.test(target);
  const emit = (name: DvcVitalsDetail['name'], value: number, rating: DvcVitalsDetail['rating'], widget: boolean) => {
    if (active) host.dispatchEvent(new DvcVitalsEvent({ name, value, rating, widget }));
  };
  onCLS((m: CLSMetricWithAttribution) => emit('CLS', m.value, m.rating, ours(m.attribution.largestShiftTarget)));
  onINP((m: INPMetricWithAttribution) => emit('INP', m.value, m.rating, ours(m.attribution.interactionTarget)));
  onLCP((m: LCPMetricWithAttribution) => emit('LCP', m.value, m.rating, ours(m.attribution.target)));
  return () => {
    active = false;
  };
}
