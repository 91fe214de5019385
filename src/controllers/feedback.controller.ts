import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DvcConfig, Lang } from '../config/schema.js';
import { DvcFeedbackEvent, type DvcFeedbackDetail } from '../events/dvc-handoff.js';
import { DEFAULT_SURVEY, shouldSurvey } from '../feedback/survey.js';
import type { HandoffService } from '../handoff/service.js';
import { t } from '../i18n/i18n.js';
import { readValue, sessionId, writeValue } from '../storage/small-state.js';

export interface FeedbackHost {
  config(): Readonly<DvcConfig> | null;
  lang(): Lang;
  /** Where `dvc-feedback` is dispatched and `dvc-tour-complete` is heard (the public element). */
  events: EventTarget;
  announce(text: string): void;
  /** Moves focus somewhere that stays, before the focused button goes away. */
  keepFocus(): void;
  /** The handoff chunk, which posts to `{api}/v1/feedback`. */
  service(): Promise<HandoffService>;
}

/** One answer's feedback: the vote, and whether the reason form is open or sent. */
export interface Vote {
  kind: 'up' | 'down';
  stage: 'reason' | 'sent';
}

export interface Survey {
  targetId: string;
  rating: number | null;
  stage: 'asking' | 'sent';
}

const SURVEY_AT_KEY = 'dvc-assistant:survey-at';
const SURVEY_SESSION_KEY = 'dvc-assistant:survey-shown';

/**
 * Feedback on answers (👍/👎 with an optional reason), "no answer" reports for the content-gap
 * list, and the sampled 1–5 survey after a resolved conversation or a completed tour. Every
 * piece fires `dvc-feedback`; with a native `api` it is also posted to `/v1/feedback`.
 */
export class FeedbackController implements ReactiveController {
  /** Per message id. */
  readonly votes = new Map<string, Vote>();
  readonly reported = new Set<string>();
  survey: Survey | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FeedbackHost,
    /** A number in [0, 1) for sampling; tests pin it. */
    private readonly random: () => number = Math.random,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.options.events.addEventListener('dvc-tour-complete', this.onTourComplete);
  }

  hostDisconnected(): void {
    this.options.events.removeEventListener('dvc-tour-complete', this.onTourComplete);
  }

  vote(messageId: string, targetId: string, kind: 'up' | 'down'): void {
    if (kind === 'up') {
      this.options.keepFocus(); // the buttons give way to a thank-you
      this.votes.set(messageId, { kind, stage: 'sent' });
      this.post({ targetId, kind });
      this.options.announce(t(this.options.lang(), 'feedbackThanks'));
      this.offerSurvey(targetId); // a helpful answer: the conversation was resolved
    } else {
      this.votes.set(messageId, { kind, stage: 'reason' });
    }
    this.host.requestUpdate();
  }

  /** Sends the 👎 with its reason (or without, when skipped). */
  sendReason(messageId: string, targetId: string, comment: string): void {
    this.options.keepFocus();
    this.votes.set(messageId, { kind: 'down', stage: 'sent' });
    this.post({ targetId, kind: 'down' }, comment.trim());
    this.options.announce(t(this.options.lang(), 'feedbackThanks'));
    this.host.requestUpdate();
  }

  /** "Báo câu hỏi chưa có câu trả lời": the question (redacted) goes to the content-gap list. */
  reportMissing(messageId: string, targetId: string, question: string): void {
    this.options.keepFocus();
    this.reported.add(messageId);
    this.post({ targetId, kind: 'missing' }, question);
    this.options.announce(t(this.options.lang(), 'reportedMissing'));
    this.host.requestUpdate();
  }

  /** Shows the survey, for a sample of citizens, at most once a session and once a cooldown. */
  offerSurvey(targetId: string): void {
    if (this.survey) return;
    const last = Number(readValue('local', SURVEY_AT_KEY)) || null;
    const shown = readValue('session', SURVEY_SESSION_KEY) === '1';
    if (!shouldSurvey({ lastShownAt: last, shownThisSession: shown, now: Date.now(), random: this.random() }, DEFAULT_SURVEY)) return;
    writeValue('local', SURVEY_AT_KEY, String(Date.now()));
    writeValue('session', SURVEY_SESSION_KEY, '1');
    this.survey = { targetId, rating: null, stage: 'asking' };
    this.host.requestUpdate();
  }

  rate(rating: number): void {
    if (this.survey) this.survey = { ...this.survey, rating };
    this.host.requestUpdate();
  }

  submitSurvey(comment: string): void {
    const survey = this.survey;
    if (!survey?.rating) return;
    this.options.keepFocus();
    this.post({ targetId: survey.targetId, kind: 'csat', rating: survey.rating }, comment.trim());
    this.survey = { ...survey, stage: 'sent' };
    this.options.announce(t(this.options.lang(), 'surveyThanks'));
    this.host.requestUpdate();
  }

  dismissSurvey(): void {
    this.options.keepFocus();
    this.survey = null;
    this.host.requestUpdate();
  }

  private readonly onTourComplete = (event: Event) => {
    const tourId = (event as CustomEvent<{ tourId?: unknown }>).detail?.tourId;
    if (typeof tourId === 'string' && tourId) this.offerSurvey(tourId);
  };

  private post(detail: DvcFeedbackDetail, comment = ''): void {
    this.options.events.dispatchEvent(new DvcFeedbackEvent(detail));
    const config = this.options.config();
    if (!config?.api || config.apiType !== 'dvc') return;
    void this.options
      .service()
      .then((service) => service.feedback({ sessionId: sessionId(), ...detail, ...(comment ? { comment: comment.slice(0, 2000) } : {}) }))
      .catch((error: unknown) => console.info('dvc-assistant: feedback could not be sent', error));
  }
}
