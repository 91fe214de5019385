/**
 * Following dossiers: the codes a citizen asked to follow live on this device only; on a later
 * visit their status is fetched again and a change is flagged for the launcher's badge.
 */
import type { DossierStatus } from '../handoff/contract.js';
import { idbStoreOf, memoryStoreOf, type KeyedStore } from '../storage/keyed-store.js';
import type { FollowedDossier } from '../storage/records.js';

export type FollowStore = KeyedStore<FollowedDossier>;

export const memoryFollowStore = (): FollowStore => memoryStoreOf<FollowedDossier>((d) => d.code, (d) => d.followedAt);
export const idbFollowStore = (): FollowStore => idbStoreOf('follows', (d) => d.followedAt);

/** The record kept when the citizen starts following a dossier (its current status counts as seen). */
export function followRecord(status: DossierStatus, now: number): FollowedDossier {
  return {
    code: status.code,
    procedure: status.procedure,
    status: status.status,
    statusText: status.statusText,
    updatedAt: status.updatedAt,
    followedAt: now,
    changed: false,
  };
}

/**
 * The record after a refresh: `changed` turns on when the status or its date moved, and stays on
 * until the citizen has seen it (see {@link markSeen}).
 */
export function refreshed(known: FollowedDossier, latest: DossierStatus): FollowedDossier {
  const moved = latest.status !== known.status || latest.updatedAt !== known.updatedAt;
  return {
    ...known,
    procedure: latest.procedure || known.procedure,
    status: latest.status,
    statusText: latest.statusText,
    updatedAt: latest.updatedAt,
    changed: known.changed || moved,
  };
}

export function markSeen(known: FollowedDossier): FollowedDossier {
  return { ...known, changed: false };
}
