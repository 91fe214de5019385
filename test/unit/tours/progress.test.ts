import { describe, expect, it } from 'vitest';
import type { Tour } from '../../../src/tours/format.js';
import { afterLoad, isProgress, progressAt, resumeOnLoad } from '../../../src/tours/progress.js';

const text = { vi: 'x', en: 'x' };
const tour: Tour = {
  id: 'khai-sinh',
  version: 2,
  title: text,
  start: '/thu-tuc/khai-sinh*',
  steps: [
    { id: 'bat-dau', url: '/thu-tuc/khai-sinh', target: [{ dvc: 'start' }], title: text, body: text, complete: { on: 'click' } },
    { id: 'ten', url: '/thu-tuc/khai-sinh/nop', target: [{ dvc: 'name' }], title: text, body: text, complete: { on: 'input' } },
    { id: 'gui', url: '/thu-tuc/khai-sinh/nop', target: [{ dvc: 'submit' }], title: text, body: text, complete: { on: 'url' } },
    { id: 'xem-lai', url: '/thu-tuc/khai-sinh/xac-nhan', title: text, body: text, complete: { on: 'next' } },
    { id: 'xong', url: '/ho-so/da-nop', title: text, body: text, complete: { on: 'url' } },
  ],
};

describe('resuming a tour on a page load', () => {
  it('shows the saved step again after a reload of its page', () => {
    const saved = progressAt(tour, 1, '/thu-tuc/khai-sinh/nop');
    expect(resumeOnLoad(saved, tour, '/thu-tuc/khai-sinh/nop')).toEqual({ kind: 'show', step: 1 });
  });

  it('moves a step completed by leaving the page on to the step of the new page', () => {
    const saved = progressAt(tour, 2, '/thu-tuc/khai-sinh/nop');
    expect(resumeOnLoad(saved, tour, '/thu-tuc/khai-sinh/xac-nhan')).toEqual({ kind: 'show', step: 3 });
    expect(resumeOnLoad(saved, tour, '/thu-tuc/khai-sinh/nop')).toEqual({ kind: 'show', step: 2 }); // invalid form: same page
  });

  it('says the citizen left the path when the page belongs to no later step', () => {
    const saved = progressAt(tour, 1, '/thu-tuc/khai-sinh/nop');
    expect(resumeOnLoad(saved, tour, '/tra-cuu')).toEqual({ kind: 'off-path', step: 1 });
    expect(resumeOnLoad(progressAt(tour, 2, '/thu-tuc/khai-sinh/nop'), tour, '/tra-cuu')).toEqual({ kind: 'off-path', step: 2 });
  });

  it('restarts a tour edited since (new version), and forgets an unknown one', () => {
    const saved = { ...progressAt(tour, 3, '/thu-tuc/khai-sinh/xac-nhan'), version: 1 };
    expect(resumeOnLoad(saved, tour, '/thu-tuc/khai-sinh/xac-nhan')).toEqual({ kind: 'restart' });
    expect(resumeOnLoad({ ...saved, step: 99, version: 2 }, tour, '/')).toEqual({ kind: 'restart' });
    expect(resumeOnLoad(saved, undefined, '/')).toEqual({ kind: 'unknown-tour' });
  });

  it('stops a redirect loop: too many loads of one step, or too many navigations by the engine', () => {
    let progress = progressAt(tour, 1, '/thu-tuc/khai-sinh/nop');
    const kinds: string[] = [];
    for (let load = 0; load < 7; load++) {
      const resumption = resumeOnLoad(progress, tour, '/thu-tuc/khai-sinh/nop');
      kinds.push(resumption.kind);
      progress = afterLoad(progress, resumption, '/thu-tuc/khai-sinh/nop');
    }
    expect(kinds.slice(0, 5).every((kind) => kind === 'show')).toBe(true);
    expect(kinds.at(-1)).toBe('loop');
    expect(resumeOnLoad({ ...progressAt(tour, 0, '/'), redirects: 3 }, tour, '/thu-tuc/khai-sinh')).toEqual({ kind: 'loop' });
  });

  it('finishes when the last step is completed by a navigation', () => {
    expect(resumeOnLoad(progressAt(tour, 4, '/ho-so/da-nop'), tour, '/tai-khoan')).toEqual({ kind: 'done' });
  });

  it('resets the load count when the step changes, and accepts only well-formed stored progress', () => {
    const moved = afterLoad({ ...progressAt(tour, 2, '/thu-tuc/khai-sinh/nop'), loads: 4 }, { kind: 'show', step: 3 }, '/thu-tuc/khai-sinh/xac-nhan/');
    expect(moved).toMatchObject({ step: 3, loads: 1, path: '/thu-tuc/khai-sinh/xac-nhan' });
    expect(isProgress(moved)).toBe(true);
    expect(isProgress({ ...moved, step: -1 })).toBe(false);
    expect(isProgress('{"tourId":1}')).toBe(false);
  });
});
