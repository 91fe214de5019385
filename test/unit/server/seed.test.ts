// The API's seeded dossiers are the ones the portal's lookup page shows: both come from
// demo/site/assets/demo-dossiers.js.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOSSIER_CODE_SHAPE } from '../../../demo/server/api/dossiers.js';
import { SEED_DOSSIERS } from '../../../demo/server/api/seed.js';
import { DEMO_DOSSIERS } from '../../../demo/site/assets/demo-dossiers.js';

describe('seeded dossiers', () => {
  it('match the portal lookup page, including H01.99-260101-0001', () => {
    const page = readFileSync(new URL('../../../demo/site/assets/portal.js', import.meta.url), 'utf8');
    expect(page).toContain('import { DEMO_DOSSIERS } from "./demo-dossiers.js";');
    expect(JSON.parse(JSON.stringify(SEED_DOSSIERS))).toEqual(JSON.parse(JSON.stringify(Object.values(DEMO_DOSSIERS))));
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
