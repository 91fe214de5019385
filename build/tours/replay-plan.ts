/**
 * What `tours:check` does for one step, decided from the tour data alone (pure): which
 * Playwright selector each locator becomes, and which robot action does the step.
 */
import type { Locator, TourStep } from '../../src/tours/format.js';

/** A locator as Playwright sees it; open shadow roots are pierced by Playwright's CSS engine. */
export type PlaywrightQuery =
  | { css: string }
  | { role: string; name: string }
  | { label: string }
  | { text: string };

export function playwrightQuery(locator: Locator): PlaywrightQuery {
  if ('dvc' in locator) return { css: `[data-dvc="${locator.dvc.replace(/"/g, '\\"')}"]` };
  if ('id' in locator) return { css: `[id="${locator.id.replace(/"/g, '\\"')}"]` };
  if ('css' in locator) return { css: locator.css };
  return locator;
}

export type RobotAction =
  | { kind: 'fill'; value: string }
  | { kind: 'select'; value: string }
  | { kind: 'check' }
  | { kind: 'file'; name: string }
  | { kind: 'click' }
  | { kind: 'none' };

/** The robot's actions for a step, in order, then whether it presses the card's "Tiếp". */
export function robotPlan(step: TourStep): { actions: RobotAction[]; pressNext: boolean } {
  const hint = step.try ?? {};
  const actions: RobotAction[] = [];
  if (hint.fill !== undefined) actions.push({ kind: 'fill', value: hint.fill });
  if (hint.select !== undefined) actions.push({ kind: 'select', value: hint.select });
  if (hint.check) actions.push({ kind: 'check' });
  if (hint.file !== undefined) actions.push({ kind: 'file', name: hint.file });
  if (hint.click) actions.push({ kind: 'click' });
  return { actions, pressNext: step.complete.on === 'next' };
}

/** A step that needs the robot to act but has no hint: reported rather than guessed. */
export function missingHint(step: TourStep): string | null {
  const { actions, pressNext } = robotPlan(step);
  if (pressNext || actions.length) return null;
  return `step "${step.id}" completes on ${step.complete.on} but has no "try" hint for tours:check`;
}
