export interface DvcTourDetail {
  tourId: string;
}

export interface DvcTourStepDetail extends DvcTourDetail {
  stepId: string;
  /** 0-based position of the step in the tour. */
  index: number;
  /** The highlighted element, or `null` for a text-only step (no target, or it was not found). */
  target: Element | null;
}

/** A guided tour started (or was restarted after it changed). */
export class DvcTourStartEvent extends CustomEvent<DvcTourDetail> {
  constructor(detail: DvcTourDetail) {
    super('dvc-tour-start', { bubbles: true, composed: true, detail });
  }
}

/** A step of a guided tour is shown (also after a page load resumes the tour). */
export class DvcTourStepEvent extends CustomEvent<DvcTourStepDetail> {
  constructor(detail: DvcTourStepDetail) {
    super('dvc-tour-step', { bubbles: true, composed: true, detail });
  }
}

/** The citizen finished the last step of a guided tour. */
export class DvcTourCompleteEvent extends CustomEvent<DvcTourDetail> {
  constructor(detail: DvcTourDetail) {
    super('dvc-tour-complete', { bubbles: true, composed: true, detail });
  }
}

/** A guided tour ended early: stopped by the citizen or the page, or handed back to the conversation. */
export class DvcTourAbandonEvent extends CustomEvent<DvcTourDetail> {
  constructor(detail: DvcTourDetail) {
    super('dvc-tour-abandon', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-tour-start': DvcTourStartEvent;
    'dvc-tour-step': DvcTourStepEvent;
    'dvc-tour-complete': DvcTourCompleteEvent;
    'dvc-tour-abandon': DvcTourAbandonEvent;
  }
}
