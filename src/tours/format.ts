/**
 * The tour format: what `corpus/tours/*.json` holds and what the compiled `tours.json`
 * carries to the browser. Data only: no code, no HTML. Shared by the build-time validator
 * (`src/tours/validate.ts`), the runtime engine and `npm run tours:check`.
 */

/** Text in both interface languages. */
export interface Localised {
  vi: string;
  en: string;
}

/**
 * One way of finding an element, tried in the order written. The first that finds exactly
 * one visible element wins; the next ones are fallbacks for when the page was redesigned.
 */
export type Locator =
  | { dvc: string } // `[data-dvc="…"]`, the stable hook agencies add for tours
  | { id: string }
  | { role: string; name: string } // ARIA role (implicit or explicit) + accessible name
  | { label: string } // the form control a `<label>` with this text names
  | { text: string } // an element whose visible text is exactly this
  | { css: string };

export const LOCATOR_KINDS = ['dvc', 'id', 'role', 'label', 'text', 'css'] as const;
export type LocatorKind = (typeof LOCATOR_KINDS)[number];

/** How the engine knows the citizen really did the step. */
export type Completion =
  | { on: 'next' } // the citizen presses "Tiếp" (explanations)
  | { on: 'click' } // the target was clicked or activated with the keyboard
  | { on: 'input'; pattern?: string } // the field holds a valid, non-empty value (checked on change)
  | { on: 'checked' } // the checkbox, radio or a radio in the group is checked
  | { on: 'url' } // the page changed (a form submitted, a link followed)
  | { on: 'element'; target: Locator[] }; // an element appeared (a result, a confirmation)

export const COMPLETION_KINDS = ['next', 'click', 'input', 'checked', 'url', 'element'] as const;

export const PLACEMENTS = ['auto', 'top', 'bottom', 'left', 'right'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Shown instead of the step while an error element (an error summary, say) is visible. */
export interface ErrorBranch {
  when: Locator[];
  /** What to highlight meanwhile; default: the error element itself. */
  target?: Locator[];
  title: Localised;
  body: Localised;
}

/**
 * A hint for `npm run tours:check` (never used by the widget): how a robot does the step.
 * `fill` types text, `select` picks an option by value, `check` ticks, `file` attaches a
 * generated file with this name, `click` presses the target.
 */
export interface TryHint {
  fill?: string;
  select?: string;
  check?: boolean;
  file?: string;
  click?: boolean;
}

export interface TourStep {
  id: string;
  /** Same-site path pattern of the page this step is on (`*` matches anything). */
  url: string;
  /** Absent: a text-only step. */
  target?: Locator[];
  title: Localised;
  body: Localised;
  placement?: Placement;
  complete: Completion;
  error?: ErrorBranch;
  /** How long to wait for a late target, in milliseconds (default `TARGET_WAIT_MS`). */
  wait?: number;
  try?: TryHint;
}

export interface Tour {
  id: string;
  /** Raised whenever the steps change; a citizen mid-way through an older version restarts. */
  version: number;
  title: Localised;
  /** Same-site path pattern where the tour begins; the part before the first `*` is where it navigates. */
  start: string;
  steps: TourStep[];
}

/** The compiled file the widget fetches (`dist/tours.json`). */
export interface TourCatalog {
  format: 1;
  tours: Tour[];
}

/** Default wait for a target that appears late (lazy content, a slow script). */
export const TARGET_WAIT_MS = 4000;
/** The most a step may ask to wait. */
export const MAX_WAIT_MS = 20000;
