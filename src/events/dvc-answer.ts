import type { Decision } from '../search/core/types.js';

export interface DvcAnswerDetail {
  /** The citizen's question as typed (it never leaves the page through this event alone). */
  query: string;
  decision: Decision;
  /** The entry shown or suggested first; `null` when nothing matched. */
  id: string | null;
  topic: string | null;
  lang: 'vi' | 'en' | null;
  mode: 'lexical' | 'hybrid';
}

/** The assistant answered a question from the offline corpus (or decided it could not). */
export class DvcAnswerEvent extends CustomEvent<DvcAnswerDetail> {
  constructor(detail: DvcAnswerDetail) {
    super('dvc-answer', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dvc-answer': DvcAnswerEvent;
  }
}
