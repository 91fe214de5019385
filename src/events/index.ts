export { DvcOpenEvent, type ToggleSource } from './dvc-open.js';
export { DvcCloseEvent } from './dvc-close.js';
export { DvcAnswerEvent, type DvcAnswerDetail } from './dvc-answer.js';
