/**
 * The tour engine: one tour at a time, one step at a time, across page loads.
 *
 * A step goes `locating` (waiting for a late target, with a timeout) → `shown` (overlay,
 * card, completion watch, error branch watch) → completed (next step here, or the page
 * changes and the next page load resumes from sessionStorage). Every async step carries a
 * generation number, so a wait made stale by a newer step (or by stop) changes nothing.
 */
import { DvcTourAbandonEvent, DvcTourCompleteEvent, DvcTourStartEvent, DvcTourStepEvent } from '../events/dvc-tour.js';
import { tourText, type TourMessageKey } from '../i18n/tours.js';
import { fetchCatalog } from './catalog.js';
import { validateTour } from './validate.js';
import { watchCompletion } from './completion.js';
import { TARGET_WAIT_MS, type Tour, type TourStep } from './format.js';
import { locate } from './locate.js';
import { afterLoad, progressAt, resumeOnLoad, type TourProgress } from './progress.js';
import { clearTourProgress, readProgress, writeProgress } from './progress-store.js';
import type { TourHandle, TourHostContext } from './tour-contract.js';
import { matchesPath, startPathOf } from './url-pattern.js';
import { watchCondition, waitFor } from './wait.js';
import { TourView, type CardAction, type CardContent } from './view.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export class TourEngine implements TourHandle {
  private tour: Tour | null = null;
  private progress: TourProgress | null = null;
  private view: TourView | null = null;
  private generation = 0;
  private stepTeardowns: (() => void)[] = [];
  private readonly focusBefore: Element | null = deepActiveElement();
  /** The last element the engine moved focus to (a step's field or button). */
  private focusedByTour: Element | null = null;
  private readonly removeListeners: () => void;

  constructor(private readonly context: TourHostContext) {
    const onKeydown = (event: KeyboardEvent) => this.onKeydown(event);
    // A page restored from the back/forward cache shows the step it had when the citizen
    // left; the saved progress may have moved on since, so it is read again.
    const onPageshow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      this.generation++;
      this.clearStep();
      this.view?.destroy();
      this.view = null;
      this.tour = null;
      void this.resume();
    };
    document.addEventListener('keydown', onKeydown);
    addEventListener('pageshow', onPageshow);
    this.removeListeners = () => {
      document.removeEventListener('keydown', onKeydown);
      removeEventListener('pageshow', onPageshow);
    };
  }

  async start(id: string): Promise<void> {
    const tours = await this.tours();
    const tour = tours?.get(id);
    if (!tour) {
      console.info(`dvc/tours: no tour "${id}" in ${this.context.toursUrl()}.`);
      this.context.handBack(this.text('handBackUnknown'));
      return;
    }
    this.end(null);
    this.context.closePanel();
    this.begin(tour, null);
  }

  stop(): void {
    if (this.tour) this.end('abandon');
    else clearTourProgress();
  }

  async resume(): Promise<void> {
    const saved = readProgress();
    if (!saved || this.tour) return;
    const tours = await this.tours();
    if (!tours || readProgress() === null) return; // stopped while the catalog loaded
    const tour = tours.get(saved.tourId);
    const path = location.pathname;
    const resumption = resumeOnLoad(saved, tour, path);
    switch (resumption.kind) {
      case 'unknown-tour':
        clearTourProgress();
        return;
      case 'restart':
        this.begin(tour!, 'restarted', false);
        return;
      case 'loop':
        this.tour = tour!;
        this.handBack('handBackLoop');
        return;
      case 'done':
        this.tour = tour!;
        this.progress = saved;
        this.end('complete');
        return;
      case 'off-path':
        this.tour = tour!;
        this.progress = afterLoad(saved, resumption, path);
        writeProgress(this.progress);
        this.showOffPath();
        return;
      case 'show':
        this.tour = tour!;
        this.progress = afterLoad(saved, resumption, path);
        writeProgress(this.progress);
        void this.showStep(resumption.step, true);
    }
  }

  dispose(): void {
    this.generation++;
    this.clearStep();
    this.view?.destroy();
    this.view = null;
    this.removeListeners();
  }

  /**
   * Starts a tour from its first step: here, or at its start page (right away when the
   * citizen asked for it; after asking when an edited tour restarts on some other page).
   */
  private begin(tour: Tour, note: TourMessageKey | null, navigate = true): void {
    this.tour = tour;
    this.progress = progressAt(tour, 0, location.pathname);
    writeProgress(this.progress);
    this.context.element.dispatchEvent(new DvcTourStartEvent({ tourId: tour.id }));
    if (matchesPath(tour.steps[0]!.url, location.pathname)) {
      void this.showStep(0, true, note);
      return;
    }
    const startPath = startPathOf(tour.steps[0]!.url) ?? startPathOf(tour.start);
    if (!startPath) return;
    if (navigate) this.navigate(startPath);
    else this.showDetour(this.text('restarted'), this.text('offPath', { tour: this.local(tour.title), n: 1 }), startPath, 1);
  }

  private async showStep(index: number, focus: boolean, note: TourMessageKey | null = null): Promise<void> {
    const tour = this.tour!;
    const step = tour.steps[index]!;
    const generation = ++this.generation;
    this.clearStep();
    this.progress = { ...(this.progress ?? progressAt(tour, index, location.pathname)), step: index, path: location.pathname };
    writeProgress(this.progress);
    const view = this.ensureView();

    let target: Element | null = null;
    if (step.target) {
      const signal = this.stepSignal();
      const found = locate(step.target);
      if (!found) {
        view.show(this.content(step, index, [this.stopAction()], 'waiting'), null);
        const late = await waitFor(() => locate(step.target!), { timeout: step.wait ?? TARGET_WAIT_MS, signal });
        if (generation !== this.generation) return;
        target = late?.element ?? null;
      } else {
        target = found.element;
      }
    }
    const missing = !!step.target && !target;
    if (target) view.reveal(target);
    view.show(this.content(step, index, this.actionsFor(step, index, missing), missing ? 'missing' : note), target, step.placement);
    view.announce(this.text('announce', { n: index + 1, total: tour.steps.length, title: this.local(step.title), body: this.local(step.body) }));
    if (focus) this.focusFor(step, target);
    this.context.element.dispatchEvent(new DvcTourStepEvent({ tourId: tour.id, stepId: step.id, index, target }));

    this.stepTeardowns.push(watchCompletion(step.complete, target, () => this.advance(index)));
    if (step.error) this.stepTeardowns.push(this.watchError(step, index, target));
  }

  /** While the error element is visible, the card explains the error; then the step comes back. */
  private watchError(step: TourStep, index: number, target: Element | null): () => void {
    const branch = step.error!;
    return watchCondition(
      () => locate(branch.when) !== null,
      (present) => {
        const view = this.view;
        if (!view) return;
        if (present) {
          const errorTarget = (branch.target && locate(branch.target)?.element) || locate(branch.when)?.element || null;
          const content = this.content({ ...step, title: branch.title, body: branch.body }, index, [this.stopAction()]);
          view.show(content, errorTarget, 'auto');
          view.announce(`${this.local(branch.title)}. ${this.local(branch.body)}`);
        } else {
          view.show(this.content(step, index, this.actionsFor(step, index, false)), target, step.placement);
        }
      },
    );
  }

  private advance(index: number): void {
    const tour = this.tour;
    if (!tour || this.progress?.step !== index) return;
    if (index === tour.steps.length - 1) {
      this.end('complete');
      return;
    }
    const next = index + 1;
    this.progress = { ...progressAt(tour, next, location.pathname) };
    writeProgress(this.progress);
    if (matchesPath(tour.steps[next]!.url, location.pathname)) {
      void this.showStep(next, true);
      return;
    }
    // The action leads to another page (a link, a submit): the next page load resumes there.
    this.generation++;
    this.clearStep();
    this.view?.show(this.content(tour.steps[next]!, next, [this.stopAction()], 'waiting'), null);
  }

  private showOffPath(): void {
    const tour = this.tour!;
    const progress = this.progress!;
    const n = progress.step + 1;
    this.showDetour(this.text('offPathTitle'), this.text('offPath', { tour: this.local(tour.title), n }), progress.path, n);
  }

  /** A text-only card away from the tour's pages: go back to step `n` at `path`, or stop. */
  private showDetour(title: string, body: string, path: string, n: number): void {
    const tour = this.tour!;
    const view = this.ensureView();
    const content: CardContent = {
      lang: this.context.lang(),
      progress: this.local(tour.title),
      title,
      body,
      actions: [
        {
          label: this.text('resume', { n }),
          part: 'tour-resume',
          kind: 'primary',
          run: () => this.navigate(path),
        },
        { ...this.stopAction(), label: this.text('close'), kind: 'secondary' },
      ],
    };
    view.show(content, null);
    view.announce(`${content.title}. ${content.body}`);
    view.focus();
  }

  /** Goes to another page of the tour, counting it for the redirect-loop guard. */
  private navigate(path: string): void {
    if (this.progress) {
      this.progress = { ...this.progress, redirects: this.progress.redirects + 1 };
      writeProgress(this.progress);
    }
    location.assign(path);
  }

  private handBack(key: 'handBackLoop' | 'handBackMissing', step?: TourStep): void {
    const tour = this.tour!;
    const message = this.text(key, { tour: this.local(tour.title), step: step ? this.local(step.title) : '' });
    this.end('abandon');
    this.context.handBack(message);
  }

  /** Ends the tour: removes everything it drew and the saved progress, then says why. */
  private end(outcome: 'complete' | 'abandon' | null): void {
    const tour = this.tour;
    this.generation++;
    this.clearStep();
    const active = deepActiveElement();
    // Focus goes back only if the tour still holds it; where the citizen moved it, it stays.
    const hadFocus = (this.view?.contains(active) ?? false) || (!!active && active === this.focusedByTour);
    this.focusedByTour = null;
    this.view?.destroy();
    this.view = null;
    this.tour = null;
    this.progress = null;
    clearTourProgress();
    if (hadFocus && this.focusBefore instanceof HTMLElement && this.focusBefore.isConnected) this.focusBefore.focus({ preventScroll: true });
    if (!tour || !outcome) return;
    const Event = outcome === 'complete' ? DvcTourCompleteEvent : DvcTourAbandonEvent;
    this.context.element.dispatchEvent(new Event({ tourId: tour.id }));
  }

  private actionsFor(step: TourStep, index: number, missing: boolean): CardAction[] {
    const tour = this.tour!;
    const last = index === tour.steps.length - 1;
    const actions: CardAction[] = [];
    const previous = tour.steps[index - 1];
    if (previous && matchesPath(previous.url, location.pathname)) {
      actions.push({ label: this.text('back'), part: 'tour-back', kind: 'secondary', run: () => void this.showStep(index - 1, true) });
    }
    if (missing) {
      actions.push({ label: this.text('askAssistant'), part: 'tour-ask', kind: 'secondary', run: () => this.handBack('handBackMissing', step) });
    }
    if (step.complete.on === 'next' || missing) {
      actions.push({ label: this.text(last ? 'finish' : 'next'), part: 'tour-next', kind: 'primary', run: () => this.advance(index) });
    }
    return actions;
  }

  private content(step: TourStep, index: number, actions: CardAction[], note: TourMessageKey | null = null): CardContent {
    const tour = this.tour!;
    const waitingForAction = step.complete.on !== 'next' && note === null;
    const noteText = note ? this.text(note) : waitingForAction ? this.text('doIt') : undefined;
    return {
      lang: this.context.lang(),
      progress: `${this.local(tour.title)} · ${this.text('progress', { n: index + 1, total: tour.steps.length })}`,
      title: note === 'missing' ? `${this.local(step.title)} — ${this.text('missingTitle')}` : this.local(step.title),
      body: this.local(step.body),
      ...(noteText ? { note: noteText } : {}),
      actions,
    };
  }

  private stopAction(): CardAction {
    return { label: this.text('close'), part: 'tour-stop', kind: 'secondary', run: () => this.end('abandon') };
  }

  /** Focus goes where the citizen acts: the field or button of the step, else the card. */
  private focusFor(step: TourStep, target: Element | null): void {
    const actionable = step.complete.on !== 'next' && target;
    const focusable = actionable ? (target.matches(FOCUSABLE) ? target : target.querySelector(FOCUSABLE)) : null;
    if (focusable instanceof HTMLElement || focusable instanceof SVGElement) {
      focusable.focus({ preventScroll: true });
      this.focusedByTour = focusable;
    } else {
      this.view?.focus();
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (!this.view || event.defaultPrevented || event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.end('abandon');
      return;
    }
    // Arrow keys belong to the page (a caret in a field, a select, a radio group) except
    // inside the step card itself.
    if (!this.view.contains(deepActiveElement())) return;
    const button = (part: string) => this.view?.element.querySelector<HTMLButtonElement>(`[part="${part}"]`);
    if (event.key === 'ArrowRight') button('tour-next')?.click();
    if (event.key === 'ArrowLeft') button('tour-back')?.click();
  }

  private ensureView(): TourView {
    this.view ??= new TourView(this.context.root, () => this.end('abandon'), this.text('close'));
    return this.view;
  }

  private stepSignal(): AbortSignal {
    const controller = new AbortController();
    this.stepTeardowns.push(() => controller.abort());
    return controller.signal;
  }

  private clearStep(): void {
    for (const teardown of this.stepTeardowns.splice(0)) teardown();
  }

  private async tours(): Promise<Map<string, Tour> | null> {
    try {
      const catalog = await fetchCatalog(this.context.toursUrl());
      const tours = new Map<string, Tour>();
      for (const tour of Array.isArray(catalog?.tours) ? catalog.tours : []) {
        const problems = validateTour(tour);
        if (problems.length) console.info(`dvc/tours: tour ${String(tour?.id)} is invalid (${problems[0]!.message}); it is left out.`);
        else tours.set(tour.id, tour);
      }
      return tours;
    } catch (error) {
      console.info(`dvc/tours: tours could not be loaded (${String(error)}).`);
      return null;
    }
  }

  private local(text: { vi: string; en: string }): string {
    return text[this.context.lang()];
  }

  private text(key: TourMessageKey, params: Record<string, string | number> = {}): string {
    return tourText(this.context.lang(), key, params);
  }
}

/** The focused element, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
