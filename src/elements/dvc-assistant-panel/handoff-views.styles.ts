import { css } from 'lit';

/** Styles of the handoff, dossier, feedback and survey templates (`handoff-views.ts`). */
export const handoffViewStyles = css`
  .consent, .survey {
    margin-top: 0.6em;
    padding: 0.6em 0.75em;
    border-left: 4px solid var(--_accent);
    background: var(--_surface-muted);
    border-radius: 0.4em;
  }
  .consent p { margin: 0 0 0.5em; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.4em; margin-top: 0.4em; }
  .actions .chip { width: auto; }
  .chip--primary { background: var(--_accent); color: var(--_on-accent); }
  .chip--primary:hover { background: var(--_accent-hover); }
  .chip[disabled] { opacity: 0.7; cursor: progress; }
  a.chip { text-decoration: none; }
  .handoff-status { margin: 0.5em 0 0; color: var(--_text-muted); }
  .answer--streaming { margin-top: 0.5em; }
  .feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; margin-top: 0.6em; font-size: 0.9em; color: var(--_text-muted); }
  .feedback__reason { flex-basis: 100%; display: grid; gap: 0.3em; }
  .vote {
    min-height: 2.75em;
    min-width: 2.75em;
    padding: 0.35em 0.7em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  .vote[aria-pressed='true'] { border-color: var(--_accent); background: var(--_surface-muted); font-weight: 600; }
  .vote:focus-visible, .link-button:focus-visible, textarea:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .link-button {
    display: inline-block;
    margin-top: 0.6em;
    padding: 0.3em 0;
    min-height: 2.75em;
    border: 0;
    background: none;
    color: var(--_accent);
    font: inherit;
    font-size: 0.9em;
    text-decoration: underline;
    cursor: pointer;
  }
  textarea {
    width: 100%;
    padding: 0.45em 0.6em;
    border: 1px solid var(--_border);
    border-radius: 0.4em;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    resize: vertical;
  }
  .survey { margin: 0.75em 0 0; }
  .survey fieldset { border: 0; margin: 0; padding: 0; }
  .survey legend { font-weight: 600; margin-bottom: 0.4em; }
  .survey__scale { display: flex; flex-wrap: wrap; gap: 0.3em; margin-bottom: 0.5em; }
  .survey label { display: block; margin-bottom: 0.2em; font-size: 0.9em; }
  .dossier h4 { margin: 0.6em 0 0.3em; font-size: 0.95em; }
  .dossier p { margin: 0 0 0.4em; }
  .dossier__changed { font-weight: 600; color: var(--_accent); }
  .dossier__history { margin: 0 0 0.6em; padding-left: 1.3em; font-size: 0.9em; }
  .dossier .chip { margin-top: 0.4em; }
  @media (forced-colors: active) {
    .vote, .consent, .survey, textarea { border: 1px solid CanvasText; }
  }
`;
