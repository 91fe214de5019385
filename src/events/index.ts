export { DvcOpenEvent, type ToggleSource } from './dvc-open.js';
export { DvcCloseEvent } from './dvc-close.js';
export { DvcAnswerEvent, type DvcAnswerDetail } from './dvc-answer.js';
export { DvcTourStartEvent, DvcTourStepEvent, DvcTourCompleteEvent, DvcTourAbandonEvent, type DvcTourDetail, type DvcTourStepDetail } from './dvc-tour.js';
