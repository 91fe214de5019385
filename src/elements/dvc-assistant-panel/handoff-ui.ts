/**
 * The panel's handoff UI as one lazy chunk: the handoff and feedback controllers, their
 * templates and styles. The panel loads it when it opens (or at page load when something waits
 * in the outbox or the follow list), so the UI chunk stays within its budget.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConversationController } from '../../controllers/conversation.controller.js';
import { FeedbackController, type FeedbackHost } from '../../controllers/feedback.controller.js';
import { HandoffController, type HandoffHost } from '../../controllers/handoff.controller.js';
import * as views from './handoff-views.js';
import { handoffViewStyles } from './handoff-views.styles.js';

export interface HandoffUi {
  handoff: HandoffController;
  feedback: FeedbackController;
  views: typeof views;
  styles: CSSStyleSheet | undefined;
}

export function createHandoffUi(
  host: ReactiveControllerHost,
  conversation: ConversationController,
  options: HandoffHost & Omit<FeedbackHost, 'service'>,
): HandoffUi {
  const handoff = new HandoffController(host, conversation, options);
  const feedback = new FeedbackController(host, { ...options, service: () => handoff.service() });
  return { handoff, feedback, views, styles: handoffViewStyles.styleSheet };
}
