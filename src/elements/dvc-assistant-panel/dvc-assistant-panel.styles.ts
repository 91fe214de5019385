import { css, unsafeCSS } from 'lit';
import { TOKENS } from '../dvc-assistant/dvc-assistant.styles.js';

export const panelStyles = css`
  :host {
    ${unsafeCSS(TOKENS)}
    display: contents;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [popover] { margin: 0; border: 0; padding: 0; overflow: visible; inset: auto; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; border: 0;
  }

  .panel {
    position: fixed;
    z-index: var(--_z);
    right: var(--_offset);
    bottom: var(--_offset);
    left: auto;
    top: auto;
    display: flex;
    flex-direction: column;
    width: min(var(--dvc-panel-width, 26em), calc(100vw - 2 * var(--_offset)));
    height: min(var(--dvc-panel-height, 40em), calc(100dvh - 2 * var(--_offset)));
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 0.75em 2.5em rgb(15 30 50 / 0.3);
    font: inherit;
    overflow: hidden;
    animation: rise 160ms ease-out;
  }
  .panel[data-position='bottom-left'] { right: auto; left: var(--_offset); }
  .panel:focus { outline: none; }
  @keyframes rise { from { opacity: 0; transform: translateY(0.75em); } }

  /* Phones: the whole screen, sized to the visual viewport so the keyboard never hides the field. */
  @media (max-width: 480px) {
    .panel, .panel[data-position='bottom-left'] {
      inset: var(--_vv-top, 0) 0 auto 0;
      width: 100%;
      height: var(--_vv-height, 100dvh);
      max-height: 100dvh;
      border: 0;
      border-radius: 0;
      animation: none;
    }
  }

  .header {
    display: flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.75em 0.5em 0.75em 1em;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .header__text { flex: 1; min-width: 0; }
  .header h2 { margin: 0; font-size: 1.05em; line-height: 1.3; font-weight: 700; }
  .header h2:focus { outline: none; }
  .header p { margin: 0.1em 0 0; font-size: 0.85em; opacity: 0.92; overflow-wrap: anywhere; }
  .icon-button {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 2.75em;
    height: 2.75em;
    border: 2px solid transparent;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .icon-button:hover { background: rgb(255 255 255 / 0.16); }
  .icon-button:focus-visible { outline: 3px solid var(--_focus); outline-offset: -3px; }
  .icon-button svg { width: 1.35em; height: 1.35em; }

  .model-progress {
    display: grid;
    gap: 0.25em;
    padding: 0.5em 1em;
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
    font-size: 0.85em;
    color: var(--_text-muted);
  }
  .model-progress progress { width: 100%; height: 0.4em; accent-color: var(--_accent); }

  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 1em;
    background: var(--_surface-muted);
  }
  .log:focus-visible { outline: 3px solid var(--_focus); outline-offset: -3px; }
  .messages { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75em; }
  .msg { max-width: 92%; overflow-wrap: anywhere; }
  .msg p { margin: 0; }
  .msg--user {
    justify-self: end;
    padding: 0.55em 0.85em;
    border-radius: var(--_radius) var(--_radius) 0.2em var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .msg--assistant { justify-self: start; width: 92%; }
  .bubble, .answer {
    padding: 0.75em 0.9em;
    border: 1px solid var(--_border);
    border-radius: 0.2em var(--_radius) var(--_radius) var(--_radius);
    background: var(--_surface);
  }
  .answer h3 { margin: 0 0 0.4em; font-size: 1em; line-height: 1.35; }
  .answer__body { line-height: 1.55; }
  .answer__body :is(p, ol, ul) { margin: 0 0 0.6em; }
  .answer__body :is(ol, ul) { padding-left: 1.4em; }
  .answer__body li + li { margin-top: 0.25em; }
  .answer__body > :last-child { margin-bottom: 0; }
  a { color: var(--_accent); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
  a:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; border-radius: 2px; }
  .answer__meta {
    margin-top: 0.75em;
    padding-top: 0.5em;
    border-top: 1px solid var(--_border);
    font-size: 0.85em;
    color: var(--_text-muted);
  }
  .answer__meta ul { margin: 0.2em 0 0; padding-left: 1.2em; }
  .answer__meta a { overflow-wrap: anywhere; }
  .answer__tour { margin: 0.75em 0 0; }
  .tour-button {
    min-height: 2.75em;
    padding: 0.55em 1em;
    border: 0;
    border-radius: 0.6em;
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .tour-button:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }

  .greeting p { margin: 0 0 0.75em; }
  .greeting h3 { margin: 0 0 0.5em; font-size: 0.9em; color: var(--_text-muted); font-weight: 600; }
  .chips { list-style: none; margin: 0.5em 0 0; padding: 0; display: flex; flex-direction: column; gap: 0.4em; }
  .chip {
    display: block;
    width: 100%;
    min-height: 2.75em;
    padding: 0.55em 0.85em;
    border: 1px solid var(--_accent);
    border-radius: 0.6em;
    background: var(--_surface);
    color: var(--_accent);
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  .chip:hover { background: var(--_surface-muted); }
  .chip:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }

  .typing { color: var(--_text-muted); font-style: italic; }
  .typing::after { content: ''; animation: dots 1.2s steps(4) infinite; }
  @keyframes dots { 0% { content: ''; } 25% { content: '.'; } 50% { content: '..'; } 75% { content: '...'; } }

  .composer {
    display: flex;
    gap: 0.5em;
    padding: 0.75em;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
  }
  .composer input {
    flex: 1;
    min-width: 0;
    min-height: 2.75em;
    padding: 0.5em 0.75em;
    border: 2px solid var(--_text-muted);
    border-radius: 0.5em;
    background: var(--_surface);
    color: var(--_text);
    /* 16 px at least, or iOS zooms the page when the field gets focus. */
    font: inherit;
    font-size: max(1em, 16px);
  }
  .composer input::placeholder { color: var(--_text-muted); opacity: 1; }
  .composer input:focus { outline: 3px solid var(--_focus); outline-offset: 0; border-color: var(--_text); }
  .send {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 2.9em;
    min-height: 2.75em;
    border: 2px solid transparent;
    border-radius: 0.5em;
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  .send:hover { background: var(--_accent-hover); }
  .send:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  .send svg { width: 1.3em; height: 1.3em; }
  .hint { margin: 0; padding: 0 0.9em 0.5em; font-size: 0.85em; color: #a4262c; background: var(--_surface); }
  .footer {
    margin: 0;
    padding: 0 0.9em 0.65em;
    font-size: 0.78em;
    color: var(--_text-muted);
    background: var(--_surface);
  }

  @media (max-width: 480px) {
    .msg--assistant { width: 100%; max-width: 100%; }
  }

  @media (prefers-reduced-motion: reduce) {
    .panel { animation: none; }
    .typing::after { animation: none; content: '…'; }
  }
  @media (forced-colors: active) {
    .panel { border: 2px solid CanvasText; }
    .header { border-bottom: 1px solid CanvasText; }
    .msg--user, .bubble, .answer, .chip, .send, .composer input { border: 1px solid CanvasText; }
    .icon-button:focus-visible, .chip:focus-visible, .send:focus-visible, a:focus-visible,
    .composer input:focus { outline-color: Highlight; }
  }
`;
