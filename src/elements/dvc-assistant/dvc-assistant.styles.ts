/**
 * Styles of the host and the launcher, as a plain string: the loader must stay tiny and
 * cannot bring Lit's `css`. The panel's styles start from the same tokens.
 *
 * Why `!important` on `:host`: for important declarations the shadow tree wins over the
 * page (CSS Cascade 4, "context"), so a host page's `* { … !important }` reset cannot
 * reach in, while the page can still theme us through `--dvc-*` custom properties,
 * which `all` does not touch.
 */
export const TOKENS = `
  --_accent: var(--dvc-accent, #0f4c81);
  --_accent-hover: var(--dvc-accent-hover, #0b3a63);
  --_on-accent: var(--dvc-on-accent, #ffffff);
  --_surface: var(--dvc-surface, #ffffff);
  --_surface-muted: var(--dvc-surface-muted, #f1f4f8);
  --_text: var(--dvc-text, #1b1f24);
  --_text-muted: var(--dvc-text-muted, #4a5563);
  --_border: var(--dvc-border, #c9d1db);
  --_focus: var(--dvc-focus, #ffbf47);
  --_radius: var(--dvc-radius, 0.75em);
  /* Named families, not system-ui: on a CJK-locale Windows or Android, system-ui can pick a face
     whose Vietnamese diacritics stack badly. */
  --_font: var(--dvc-font, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif);
  --_offset: var(--dvc-offset, 1.25em);
  --_z: var(--dvc-z-index, 2147483000);
`;

export const HOST_STYLES = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: auto auto 0 0 !important;
  width: 0 !important;
  height: 0 !important;
  overflow: visible !important;
  z-index: var(--dvc-z-index, 2147483000) !important;
  ${TOKENS}
  font: normal 400 medium/1.5 var(--_font) !important;
  color: var(--_text) !important;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
:host([hidden]) { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
[popover] { margin: 0; border: 0; padding: 0; background: transparent; color: inherit; overflow: visible; inset: auto; width: auto; height: auto; }

.launcher {
  position: fixed;
  z-index: var(--_z);
  bottom: var(--_offset);
  right: var(--_offset);
  left: auto;
  display: inline-flex;
  align-items: center;
  gap: 0.5em;
  min-height: 3.25em;
  padding: 0.75em 1.25em 0.75em 1em;
  border: 2px solid transparent;
  border-radius: 999px;
  background: var(--_accent);
  color: var(--_on-accent);
  font: inherit;
  font-weight: 600;
  line-height: 1.2;
  cursor: pointer;
  box-shadow: 0 0.25em 1em rgb(15 30 50 / 0.28);
  transition: transform 120ms ease, background-color 120ms ease;
}
.launcher[data-position='bottom-left'] { right: auto; left: var(--_offset); }
.launcher:hover { background: var(--_accent-hover); }
.launcher:active { transform: translateY(1px); }
.launcher:focus-visible { outline: 3px solid var(--_focus); outline-offset: 3px; }
.launcher[aria-busy='true'] { cursor: progress; }
.badge {
  position: absolute; top: -0.35em; right: -0.35em;
  min-width: 1.5em; height: 1.5em; padding: 0 0.35em; border-radius: 999px;
  background: #b3261e; color: #fff; border: 2px solid var(--_on-accent);
  font-size: 0.8em; font-weight: 700; line-height: 1.2em; text-align: center;
}
.badge[hidden] { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.launcher svg { width: 1.5em; height: 1.5em; flex: none; }
.launcher[aria-expanded='true'] { display: none; }
@media (max-width: 480px) {
  .launcher { padding: 0.75em; min-width: 3.25em; justify-content: center; }
  .launcher span { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
}
@media (prefers-reduced-motion: reduce) { .launcher { transition: none; } }
@media (forced-colors: active) {
  .launcher { border-color: ButtonText; background: ButtonFace; color: ButtonText; }
  .launcher:focus-visible { outline-color: Highlight; }
}
@media print { :host { display: none !important; } }
`;
