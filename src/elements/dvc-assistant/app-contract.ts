import type { DvcConfig, Lang } from '../../config/schema.js';
import type { ToggleSource } from '../../events/dvc-open.js';

/**
 * The seam between the tiny host element (in the loader) and the lazily loaded app
 * chunk. The host owns configuration, the public API and the launcher; the app owns
 * everything the citizen sees once the panel opens.
 */
export interface HostContext {
  readonly element: HTMLElement;
  readonly root: ShadowRoot;
  /** Folder URL the script was loaded from (with a trailing slash). */
  readonly base: string;
  readonly version: string;
  config(): Readonly<DvcConfig>;
  lang(): Lang;
  /** The panel asks the host to close (close button, Escape); focus goes back to the launcher. */
  requestClose(source: ToggleSource): void;
  /** Shows a count on the launcher (answers that arrived, followed dossiers that changed); 0 hides it. */
  setBadge?(count: number): void;
  /** The citizen pressed "Chỉ cho tôi từng bước" on an answer. */
  startTour(id: string): void;
}

export interface AppHandle {
  /** Shows or hides the panel; `focus` moves focus into it (true when the citizen opened it). */
  setOpen(open: boolean, focus: boolean): void;
  ask(text: string): void;
  /** Adds a message from the assistant (a guided tour handing back to the conversation). */
  notify(text: string): void;
  /** Configuration or language changed after mount. */
  update(): void;
  dispose(): void;
}

export type MountApp = (context: HostContext) => AppHandle;

/** File name of the app entry, next to the loader. */
export const APP_ENTRY = 'dvc-assistant.app.js';
