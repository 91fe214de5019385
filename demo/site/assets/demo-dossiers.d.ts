// Types of demo-dossiers.js for the server (demo/server/api/seed.ts), which imports it.
import type { Dossier } from "../../server/api/seed.js";

export declare const DEMO_DOSSIERS: Readonly<Record<string, Dossier>>;
