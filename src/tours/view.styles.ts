/** Styles of the tour overlay and step card, adopted into the host's shadow root while a tour runs. */
export const TOUR_STYLES = `
.tour-overlay {
  position: fixed; inset: 0; width: 100vw; height: 100vh; margin: 0; padding: 0; border: 0;
  background: transparent; overflow: visible; pointer-events: none;
  z-index: var(--dvc-z-index, 2147483000);
}
.tour-overlay svg { position: absolute; inset: 0; width: 100%; height: 100%; forced-color-adjust: none; }
.tour-overlay .dim { fill: rgb(0 0 0 / 0.45); fill-rule: evenodd; }
.tour-overlay .ring { fill: none; stroke: #ffbf47; stroke-width: 3; }
@media (forced-colors: active) {
  .tour-overlay .dim { fill: transparent; }
  .tour-overlay .ring { stroke: Highlight; }
}
.tour-card {
  position: fixed; inset: auto; top: 0; left: 0; margin: 0;
  box-sizing: border-box; width: min(22rem, calc(100vw - 1rem)); max-height: calc(100vh - 1rem); overflow: auto;
  padding: 1rem; border: 2px solid var(--dvc-accent, #0f4c81); border-radius: var(--dvc-radius, 0.75em);
  background: #fff; color: #1a1a1a; box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  font: 1rem/1.5 var(--dvc-font, system-ui, sans-serif); text-align: left; letter-spacing: normal;
  word-spacing: normal; text-transform: none; text-indent: 0;
  z-index: var(--dvc-z-index, 2147483000);
}
.tour-card[data-layout="center"] { top: auto; bottom: 1rem; left: 50%; transform: translateX(-50%); }
.tour-card[data-layout="sheet"] {
  top: auto; bottom: 0; left: 0; width: 100vw; max-height: 45vh;
  border-radius: var(--dvc-radius, 0.75em) var(--dvc-radius, 0.75em) 0 0; border-width: 2px 0 0;
}
@media (prefers-reduced-motion: no-preference) {
  .tour-card { transition: opacity 120ms ease-out; }
}
.tour-card:focus { outline: none; }
.tour-card:focus-visible, .tour-card h2:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.tour-progress { margin: 0 0 0.25rem; font-size: 0.875rem; color: #444; }
.tour-card h2 { margin: 0 0 0.5rem; font-size: 1.125rem; line-height: 1.3; font-weight: 700; color: inherit; }
.tour-card p { margin: 0 0 0.75rem; }
.tour-note { font-size: 0.9375rem; color: #444; }
.tour-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; }
.tour-actions button {
  all: revert; box-sizing: border-box; min-height: 44px; min-width: 44px; padding: 0.5rem 1rem;
  border-radius: 0.5em; border: 2px solid var(--dvc-accent, #0f4c81); cursor: pointer;
  font: inherit; font-weight: 600; background: #fff; color: var(--dvc-accent, #0f4c81);
}
.tour-actions button[data-kind="primary"] { background: var(--dvc-accent, #0f4c81); color: var(--dvc-on-accent, #fff); }
.tour-actions button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.tour-close {
  all: revert; position: absolute; top: 0.25rem; right: 0.25rem; width: 44px; height: 44px;
  border: 0; background: transparent; color: inherit; font-size: 1.5rem; line-height: 1; cursor: pointer;
}
.tour-close:focus-visible { outline: 3px solid #ffbf47; }
.tour-card h2, .tour-progress { padding-right: 2.5rem; }
.tour-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
