/**
 * Demo dossiers for `GET /v1/dossiers/{code}`: the made-up files the portal's lookup page shows,
 * read from the page's own data module (`demo/site/assets/demo-dossiers.js`; sample codes in
 * `demo/README.md`), so the two cannot drift apart.
 */
import { DEMO_DOSSIERS } from "../../site/assets/demo-dossiers.js";

export type DossierStatus = "received" | "processing" | "needs-supplement" | "done" | "rejected";

export interface Dossier {
  code: string;
  procedure: string;
  agency: string;
  status: DossierStatus;
  statusText: string;
  updatedAt: string;
  history: ReadonlyArray<{ at: string; status: DossierStatus; note: string }>;
}

export const SEED_DOSSIERS: readonly Dossier[] = Object.freeze(Object.values(DEMO_DOSSIERS));
