import type { Lang } from '../config/schema.js';

/**
 * The seam between `<dvc-assistant>` (in the loader) and the lazily loaded tour chunk,
 * which arrives only when a tour starts or this tab has a tour in progress.
 */
export interface TourHostContext {
  /** The public element: tour events are dispatched on it. */
  readonly element: HTMLElement;
  /** Its shadow root: the overlay and step card live there, in the top layer. */
  readonly root: ShadowRoot;
  lang(): Lang;
  /** URL of the compiled tours. */
  toursUrl(): string;
  /** A tour is starting: the panel gets out of the way so the page can be seen. */
  closePanel(): void;
  /** A tour could not go on: open the conversation with this message from the assistant. */
  handBack(message: string): void;
}

export interface TourHandle {
  start(id: string): Promise<void>;
  stop(): void;
  /** Continues a tour saved in this tab, if any (called once the chunk has loaded). */
  resume(): Promise<void>;
  dispose(): void;
}

export type MountTours = (context: TourHostContext) => TourHandle;

/** File name of the tour chunk's entry, next to the loader. */
export const TOURS_ENTRY = 'dvc-assistant.tours.js';
