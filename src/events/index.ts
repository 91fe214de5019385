export { DvcOpenEvent, type ToggleSource } from './dvc-open.js';
export { DvcCloseEvent } from './dvc-close.js';
export { DvcAnswerEvent, type DvcAnswerDetail } from './dvc-answer.js';
export { DvcHandoffRequestEvent, DvcHandoffEvent, DvcFeedbackEvent, type DvcHandoffRequestDetail, type HandoffOutcome, type DvcFeedbackDetail } from './dvc-handoff.js';
export { DvcTourStartEvent, DvcTourStepEvent, DvcTourCompleteEvent, DvcTourAbandonEvent, type DvcTourDetail, type DvcTourStepDetail } from './dvc-tour.js';
