// The API's seeded dossiers are the ones the portal's lookup page shows (demo/site/assets/portal.js).
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE_SHAPE } from '../../../demo/server/api/dossiers.js';
import { SEED_DOSSIERS } from '../../../demo/server/api/seed.js';

/** Reads the `DEMO_DOSSIERS` literal out of portal.js without running the page script. */
function portalDossiers(): Record<string, unknown> {
  const source = readFileSync(new URL('../../../demo/site/assets/portal.js', import.meta.url), 'utf8');
  const match = /export const DEMO_DOSSIERS = Object\.freeze\((\{[\s\S]*?\n\})\);/.exec(source);
  if (match === null) throw new Error('DEMO_DOSSIERS not found in portal.js');
  return runInNewContext(`(${match[1]})`) as Record<string, unknown>;
}

describe('seeded dossiers', () => {
  it('match the portal lookup page, including H01.99-260101-0001', () => {
    const portal = portalDossiers();
    expect(JSON.parse(JSON.stringify(SEED_DOSSIERS))).toEqual(JSON.parse(JSON.stringify(Object.values(portal))));
    expect(SEED_DOSSIERS.map((d) => d.code)).toContain('H01.99-260101-0001');
  });

  it('have codes of the contract shape and histories that end in the current status', () => {
    for (const dossier of SEED_DOSSIERS) {
      expect(dossier.code).toMatch(DOSSIER_CODE_SHAPE);
      expect(dossier.history.at(-1)!.status).toBe(dossier.status);
      expect(dossier.history.at(-1)!.at).toBe(dossier.updatedAt);
    }
  });
});
