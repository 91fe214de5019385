/**
 * Templates for what the central API brings into the conversation: the handoff status and
 * consent, remote answers, dossier lookups, feedback and the survey. Kept apart from the panel
 * so the panel stays about layout and focus.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { DvcConfig, Lang } from '../../config/schema.js';
import type { FeedbackController } from '../../controllers/feedback.controller.js';
import type { HandoffController } from '../../controllers/handoff.controller.js';
import type { Message } from '../../conversation/messages.js';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { renderMarkdown } from '../../markdown/render-markdown.js';

export interface ViewContext {
  lang: Lang;
  config: Readonly<DvcConfig> | null;
  handoff: HandoffController;
  feedback: FeedbackController;
  /** Whether a guided tour named by the central API can run on this site. */
  canStartTour(id: string): boolean;
  /** Starts that tour ("Chỉ cho tôi từng bước"). */
  startTour(id: string): void;
}

type Of<K extends string> = Extract<Message, { kind: K }>;

function contactLine(ctx: ViewContext): TemplateResult {
  return html`<p>${ctx.config?.contact ? t(ctx.lang, 'contactAgency', { contact: ctx.config.contact }) : t(ctx.lang, 'contactDefault')}</p>`;
}

/** A question the corpus could not answer, handed off to the central API. */
export function renderHandoff(message: Of<'handoff'>, ctx: ViewContext): TemplateResult {
  const { lang, handoff } = ctx;
  const streaming = handoff.streaming.get(message.id);
  const retry = handoff.retrying.get(message.id);
  const status = (() => {
    switch (message.status) {
      case 'consent':
        return html`<div class="consent" part="consent" role="group" aria-labelledby="dvc-consent-${message.id}">
          <p id="dvc-consent-${message.id}">${t(lang, 'handoffIntro')}</p>
          <p>${t(lang, 'consent')}</p>
          <div class="actions">
            <button type="button" class="chip chip--primary" part="consent-accept" @click=${() => handoff.accept(message.id)}>${t(lang, 'consentAccept')}</button>
            <button type="button" class="chip" part="consent-decline" @click=${() => handoff.decline(message.id)}>${t(lang, 'consentDecline')}</button>
          </div>
        </div>`;
      case 'sending':
        if (streaming) {
          return html`<div class="answer answer--streaming" part="answer" aria-busy="true">${unsafeHTML(renderMarkdown(streaming))}</div>`;
        }
        return html`<p class="handoff-status" part="handoff-status" data-status="sending">
          ${retry ? t(lang, 'handoffRetrying', { attempt: String(retry.attempt), attempts: String(retry.attempts) }) : t(lang, 'handoffSending')}
        </p>`;
      case 'queued':
        return html`<p class="handoff-status" part="handoff-status" data-status="queued">${t(lang, 'handoffQueued')}</p>`;
      case 'answered':
        return nothing;
      case 'failed':
      case 'declined':
      case 'vetoed': {
        const key: MessageKey = message.status === 'failed' ? 'handoffFailed' : message.status === 'declined' ? 'handoffDeclined' : 'handoffVetoed';
        return html`<p class="handoff-status" part="handoff-status" data-status=${message.status}>${t(lang, key)}</p>${contactLine(ctx)}`;
      }
      default:
        return html`<button type="button" class="chip" part="handoff-send" @click=${() => handoff.begin(message.id)}>${t(lang, 'handoffSend')}</button>`;
    }
  })();
  return html`<div class="bubble">
    <p>${t(lang, 'handoff')}</p>
    ${status} ${renderMissing(message.id, message.candidates?.[0]?.id ?? 'unanswered', message.query, ctx)}
  </div>`;
}

/** An answer written by the central API: Markdown through the sanitiser, sources, actions, feedback. */
export function renderRemote(message: Of<'remote'>, ctx: ViewContext): TemplateResult {
  const { lang } = ctx;
  const actions = message.actions.filter((a) => a.type === 'link' || ctx.canStartTour(a.id));
  return html`<article part="answer" class="answer answer--remote" data-handoff=${message.handoffId}>
    <h3>${t(lang, 'remoteTitle')}</h3>
    <div class="answer__body">${unsafeHTML(renderMarkdown(message.answer))}</div>
    ${actions.length
      ? html`<ul class="chips">
          ${actions.map((a) =>
            a.type === 'link'
              ? html`<li><a class="chip" href=${a.url} target="_blank" rel="noopener noreferrer">${a.label}</a></li>`
              : html`<li><button type="button" class="chip" part="tour-start" @click=${() => ctx.startTour(a.id)}>${t(lang, 'actionTour')}</button></li>`,
          )}
        </ul>`
      : nothing}
    <div class="answer__meta">
      <p>${t(lang, 'remoteNote')}</p>
      ${message.sources.length
        ? html`<p>${t(lang, 'sources')}:</p>
            <ul>
              ${message.sources.map((s) => html`<li><a href=${s.url} target="_blank" rel="noopener noreferrer">${s.title}<span class="sr-only"> ${t(lang, 'openLink')}</span></a></li>`)}
            </ul>`
        : nothing}
    </div>
    ${renderFeedback(message.id, message.handoffId || message.replyTo, ctx)}
  </article>`;
}

/** Dossier codes found in a question, each with a lookup button. */
export function renderDossierOffer(message: Of<'dossier-offer'>, ctx: ViewContext): TemplateResult {
  const { lang, handoff } = ctx;
  return html`<div class="bubble">
    <ul class="chips">
      ${message.codes.map((code) => {
        const state = handoff.lookups.get(code);
        return html`<li>
          <button type="button" class="chip" part="dossier-lookup" ?disabled=${state === 'loading'} @click=${() => handoff.lookup(code, message.query)}>
            ${state === 'loading' ? t(lang, 'dossierLoading', { code }) : t(lang, 'dossierOffer', { code })}
          </button>
          ${state === 'failed' ? html`<p class="handoff-status" role="status">${t(lang, 'dossierFailed', { code })}</p>` : nothing}
        </li>`;
      })}
    </ul>
  </div>`;
}

/** A dossier's status and history, with "follow". */
export function renderDossier(message: Of<'dossier'>, ctx: ViewContext): TemplateResult {
  const { lang, handoff } = ctx;
  const dossier = message.dossier;
  if (!dossier) return html`<div class="bubble"><p>${t(lang, 'dossierNotFound', { code: message.code })}</p></div>`;
  const following = handoff.followed.has(dossier.code);
  return html`<article class="answer dossier" part="dossier" data-code=${dossier.code} data-status=${dossier.status}>
    ${message.changed ? html`<p class="dossier__changed">${t(lang, 'dossierChanged')}</p>` : nothing}
    <h3>${t(lang, 'dossierTitle', { code: dossier.code })}</h3>
    <p class="dossier__status"><strong>${dossier.statusText}</strong></p>
    <p>${dossier.procedure}${dossier.agency ? html` — ${dossier.agency}` : nothing}</p>
    <p class="answer__meta">${t(lang, 'dossierUpdatedAt', { date: dateTime(lang, dossier.updatedAt) })}</p>
    ${dossier.history.length
      ? html`<h4>${t(lang, 'dossierHistory')}</h4>
          <ol class="dossier__history">
            ${dossier.history.map((h) => html`<li><time datetime=${h.at}>${dateTime(lang, h.at)}</time>: ${h.note}</li>`)}
          </ol>`
      : nothing}
    <button type="button" class="chip" part="dossier-follow" aria-pressed=${following ? 'true' : 'false'} @click=${() => handoff.toggleFollow(dossier)}>
      ${following ? t(lang, 'following') : t(lang, 'follow')}
    </button>
    <p class="answer__meta">${t(lang, 'followNote')}</p>
  </article>`;
}

/** 👍/👎 under an answer, then the optional reason. */
export function renderFeedback(messageId: string, targetId: string, ctx: ViewContext): TemplateResult {
  const { lang, feedback } = ctx;
  const vote = feedback.votes.get(messageId);
  if (vote?.stage === 'sent') return html`<p class="feedback" part="feedback" role="status">${t(lang, 'feedbackThanks')}</p>`;
  const reasonId = `dvc-reason-${messageId}`;
  return html`<div class="feedback" part="feedback" role="group" aria-label=${t(lang, 'feedbackQuestion')}>
    <span>${t(lang, 'feedbackQuestion')}</span>
    <button type="button" class="vote" part="feedback-up" aria-pressed=${vote?.kind === 'up' ? 'true' : 'false'} @click=${() => feedback.vote(messageId, targetId, 'up')}>
      <span aria-hidden="true">👍</span> ${t(lang, 'feedbackUp')}
    </button>
    <button type="button" class="vote" part="feedback-down" aria-pressed=${vote?.kind === 'down' ? 'true' : 'false'} @click=${() => feedback.vote(messageId, targetId, 'down')}>
      <span aria-hidden="true">👎</span> ${t(lang, 'feedbackDown')}
    </button>
    ${vote?.stage === 'reason'
      ? html`<form class="feedback__reason" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const field = (e.currentTarget as HTMLFormElement).elements.namedItem('reason') as HTMLTextAreaElement;
          feedback.sendReason(messageId, targetId, field.value);
        }}>
          <label for=${reasonId}>${t(lang, 'feedbackReason')}</label>
          <textarea id=${reasonId} name="reason" rows="2" maxlength="500" part="feedback-reason"></textarea>
          <div class="actions">
            <button type="submit" class="chip chip--primary" part="feedback-send">${t(lang, 'feedbackSend')}</button>
            <button type="button" class="chip" @click=${() => feedback.sendReason(messageId, targetId, '')}>${t(lang, 'feedbackSkip')}</button>
          </div>
        </form>`
      : nothing}
  </div>`;
}

/** "Báo câu hỏi chưa có câu trả lời" under a question the corpus could not answer. */
export function renderMissing(messageId: string, targetId: string, question: string, ctx: ViewContext): TemplateResult {
  const { lang, feedback } = ctx;
  if (feedback.reported.has(messageId)) return html`<p class="feedback" role="status">${t(lang, 'reportedMissing')}</p>`;
  return html`<button type="button" class="link-button" part="report-missing" @click=${() => feedback.reportMissing(messageId, targetId, question)}>
    ${t(lang, 'reportMissing')}
  </button>`;
}

const SCALE: readonly MessageKey[] = ['survey1', 'survey2', 'survey3', 'survey4', 'survey5'];

/** The short 1–5 satisfaction survey. */
export function renderSurvey(ctx: ViewContext): TemplateResult | typeof nothing {
  const { lang, feedback } = ctx;
  const survey = feedback.survey;
  if (!survey) return nothing;
  if (survey.stage === 'sent') return html`<div class="survey" part="survey" role="status"><p>${t(lang, 'surveyThanks')}</p></div>`;
  return html`<form class="survey" part="survey" @submit=${(e: SubmitEvent) => {
    e.preventDefault();
    const field = (e.currentTarget as HTMLFormElement).elements.namedItem('comment') as HTMLTextAreaElement;
    feedback.submitSurvey(field.value);
  }}>
    <fieldset>
      <legend>${t(lang, 'surveyTitle')}</legend>
      <div class="survey__scale">
        ${SCALE.map(
          (key, i) => html`<button type="button" class="vote" part="survey-rating" data-rating=${i + 1} aria-pressed=${survey.rating === i + 1 ? 'true' : 'false'} @click=${() => feedback.rate(i + 1)}>
            <span aria-hidden="true">${i + 1}</span> <span class="survey__label">${t(lang, key)}</span>
          </button>`,
        )}
      </div>
    </fieldset>
    <label for="dvc-survey-comment">${t(lang, 'surveyComment')}</label>
    <textarea id="dvc-survey-comment" name="comment" rows="2" maxlength="500"></textarea>
    <div class="actions">
      <button type="submit" class="chip chip--primary" part="survey-send" ?disabled=${!survey.rating}>${t(lang, 'surveySend')}</button>
      <button type="button" class="chip" @click=${() => feedback.dismissSurvey()}>${t(lang, 'surveySkip')}</button>
    </div>
  </form>`;
}

function dateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
}
