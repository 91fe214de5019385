/**
 * Following dossiers: the codes a citizen asked to follow live on this device only; on a later
 * visit their status is fetched again and a change is flagged for the launcher's badge.
 */
import type { DossierStatus } from '../handoff/contract.js';
import { openDvcDatabase } from '../storage/db.js';
import type { FollowedDossier } from '../storage/records.js';

export interface FollowStore {
  list(): Promise<FollowedDossier[]>;
  put(dossier: FollowedDossier): Promise<void>;
  remove(code: string): Promise<void>;
}

export function memoryFollowStore(): FollowStore {
  const items = new Map<string, FollowedDossier>();
  return {
    list: async () => [...items.values()].sort((a, b) => a.followedAt - b.followedAt),
    put: async (d) => void items.set(d.code, d),
    remove: async (code) => void items.delete(code),
  };
}

export function idbFollowStore(): FollowStore {
  return {
    list: async () => (await (await openDvcDatabase()).getAll('follows')).sort((a, b) => a.followedAt - b.followedAt),
    put: async (d) => void (await (await openDvcDatabase()).put('follows', d)),
    remove: async (code) => void (await (await openDvcDatabase()).delete('follows', code)),
  };
}

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
