import { describe, expect, it } from 'vitest';
import { followRecord, markSeen, refreshed } from '../../../src/dossier/follow.js';
import type { DossierStatus } from '../../../src/handoff/contract.js';

const status = (s: DossierStatus['status'], updatedAt: string): DossierStatus => ({
  code: 'H01.99-261120-0007',
  procedure: 'Đăng ký tạm trú',
  agency: 'Công an phường',
  status: s,
  statusText: s,
  updatedAt,
  history: [],
});

describe('following a dossier', () => {
  it('starts with the current status seen', () => {
    expect(followRecord(status('processing', 'a'), 5)).toMatchObject({ status: 'processing', changed: false, followedAt: 5 });
  });

  it('flags a change of status or date and keeps the flag until seen', () => {
    const known = followRecord(status('processing', 'a'), 5);
    expect(refreshed(known, status('processing', 'a')).changed).toBe(false);
    const moved = refreshed(known, status('done', 'b'));
    expect(moved).toMatchObject({ status: 'done', changed: true });
    expect(refreshed(moved, status('done', 'b')).changed).toBe(true);
    expect(markSeen(moved).changed).toBe(false);
    expect(refreshed(known, status('processing', 'c')).changed).toBe(true);
  });
});
