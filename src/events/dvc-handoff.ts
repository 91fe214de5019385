import type { AskCandidate } from '../handoff/contract.js';

export interface DvcHandoffRequestDetail {
  /** The question as it will be sent, already redacted. The host may change it (it is redacted again). */
  question: string;
  /** The corpus entries closest to the question; the host may change them too. */
  candidates: AskCandidate[];
}

/**
 * Before a question leaves the device for the central API. Cancel it (`preventDefault()`) to
 * keep the question on the page; change `detail.question` or `detail.candidates` to enrich it.
 */
export class DvcHandoffRequestEvent extends CustomEvent<DvcHandoffRequestDetail> {
  constructor(detail: DvcHandoffRequestDetail) {
    super('dvc-handoff-request', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

export type HandoffOutcome = 'answered' | 'queued' | 'failed';

/** After a handoff: answered, waiting in the outbox, or refused. `handoffId` is the server's, when there is one. */
export class DvcHandoffEvent extends CustomEvent<{ handoffId: string | null; status: HandoffOutcome }> {
  constructor(handoffId: string | null, status: HandoffOutcome) {
    super('dvc-handoff', { bubbles: true, composed: true, detail: { handoffId, status } });
  }
}

export interface DvcFeedbackDetail {
  targetId: string;
  kind: 'up' | 'down' | 'csat' | 'missing';
  rating?: number;
}

/** The citizen gave feedback (the comment, which may be personal, is not in the event). */
export class DvcFeedbackEvent extends CustomEvent<DvcFeedbackDetail> {
  constructor(detail: DvcFeedbackDetail) {
    super('dvc-feedback', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-handoff-request': DvcHandoffRequestEvent;
    'dvc-handoff': DvcHandoffEvent;
    'dvc-feedback': DvcFeedbackEvent;
  }
}
