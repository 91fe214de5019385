import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonLines, lineOf } from '../../../build/tours/json-lines.js';
import { missingHint, playwrightQuery, robotPlan } from '../../../build/tours/replay-plan.js';
import type { Tour } from '../../../src/tours/format.js';
import { validateTour } from '../../../src/tours/validate.js';

const TOURS = 'corpus/tours';
const demoTours = readdirSync(TOURS)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, tour: JSON.parse(readFileSync(`${TOURS}/${name}`, 'utf8')) as Tour }));

describe('the demo tours', () => {
  it('are at least six, all valid, and each step can be replayed by tours:check', () => {
    expect(demoTours.length).toBeGreaterThanOrEqual(6);
    for (const { name, tour } of demoTours) {
      expect(validateTour(tour, name.replace(/\.json$/, '')), name).toEqual([]);
      for (const step of tour.steps) expect(missingHint(step), `${name} ${step.id}`).toBeNull();
    }
  });

  it('include a birth registration over at least three pages, with the form and its error branch', () => {
    const birth = demoTours.find(({ tour }) => tour.id === 'dang-ky-khai-sinh')!.tour;
    expect(new Set(birth.steps.map((step) => step.url)).size).toBeGreaterThanOrEqual(3);
    expect(birth.steps.some((step) => step.url === '/thu-tuc/khai-sinh/nop' && step.error)).toBe(true);
  });
});

describe('validating a tour', () => {
  const valid: Tour = demoTours[0]!.tour;

  it('names the file the id must match, and refuses code-like fields', () => {
    expect(validateTour(valid, 'other-name')).toEqual([{ path: ['id'], message: expect.stringContaining('(other-name.json)') }]);
    const withCode = { ...valid, steps: [{ ...valid.steps[0], onShow: 'alert(1)' }] };
    expect(validateTour(withCode).map((p) => p.path.join('/'))).toEqual(['steps/0/onShow']);
  });

  it('requires a target for click, input and checked steps, and valid locators', () => {
    const step = { ...valid.steps[0]!, target: undefined, complete: { on: 'click' } };
    expect(validateTour({ ...valid, steps: [step] }).map((p) => p.message)).toEqual(['`complete.on: "click"` needs the step to have a target']);
    const empty = { ...valid.steps[0]!, target: [{ role: 'button' }] };
    expect(validateTour({ ...valid, steps: [empty] }).map((p) => p.path.join('/'))).toEqual(['steps/0/target/0/name']);
  });
});

describe('line numbers of JSON paths', () => {
  it('point at the value, or at the nearest parent of a missing key', () => {
    const text = '{\n  "id": "x",\n  "steps": [\n    {\n      "id": "a",\n      "target": [{"dvc": "b"}]\n    }\n  ]\n}\n';
    const lines = jsonLines(text);
    expect(lineOf(lines, ['id'])).toBe(2);
    expect(lineOf(lines, ['steps', 0, 'target', 0, 'dvc'])).toBe(6);
    expect(lineOf(lines, ['steps', 0, 'title'])).toBe(4);
    expect(lineOf(lines, ['nothing', 'here'])).toBe(1);
  });
});

describe('the tours:check replay plan', () => {
  it('turns locators into Playwright queries and hints into actions', () => {
    expect(playwrightQuery({ dvc: 'pay' })).toEqual({ css: '[data-dvc="pay"]' });
    expect(playwrightQuery({ role: 'button', name: 'Tiếp tục' })).toEqual({ role: 'button', name: 'Tiếp tục' });
    const step = demoTours[0]!.tour.steps[0]!;
    expect(robotPlan({ ...step, complete: { on: 'next' }, try: { fill: 'An' } })).toEqual({ actions: [{ kind: 'fill', value: 'An' }], pressNext: true });
    expect(missingHint({ ...step, complete: { on: 'click' }, try: undefined })).toMatch(/no "try" hint/);
  });
});
