/** The shapes kept in IndexedDB besides the conversation (no logic: the UI chunk imports these types only). */
import type { AskBody, DossierStatusName } from '../handoff/contract.js';

/** A question waiting for the central API; `key` is its idempotency key, the same on every try. */
export interface OutboxItem {
  key: string;
  /** The conversation message the answer belongs to. */
  messageId: string;
  body: AskBody;
  createdAt: number;
}

/** A dossier the citizen asked to follow, with the status last seen. */
export interface FollowedDossier {
  code: string;
  procedure: string;
  status: DossierStatusName;
  statusText: string;
  updatedAt: string;
  followedAt: number;
  /** The status changed since the citizen last saw it; the launcher shows a badge. */
  changed: boolean;
}
