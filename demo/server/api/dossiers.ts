/**
 * `GET /v1/dossiers/{code}`: dossier status lookup from the `dossiers` table.
 */
import type { Db } from "./db.js";
import { ApiError } from "./http.js";
import type { Dossier } from "./seed.js";

/**
 * The shape of a dossier code: dot-separated agency segments, then `-yymmdd-nnnn`
 * (`H01.99-260101-0001`, `000.00.00.H26-250101-0001`).
 */
export const DOSSIER_CODE_SHAPE = /^(?:[A-Z0-9]{2,4}\.){1,4}[A-Z0-9]{2,4}-\d{6}-\d{4,5}$/;

/**
 * Normalises what a citizen typed: spaces dropped, letters upper-cased.
 *
 * @example
 * normaliseDossierCode(" h01.99-260101-0001 "); // "H01.99-260101-0001"
 */
export function normaliseDossierCode(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

/**
 * Looks a dossier up.
 *
 * @param db - The database.
 * @param rawCode - The code from the URL.
 * @returns The dossier in the contract's shape.
 * @throws ApiError 400 for a code of the wrong shape, 404 when no dossier has it.
 */
export function findDossier(db: Db, rawCode: string): Dossier {
  const code = normaliseDossierCode(rawCode);
  if (!DOSSIER_CODE_SHAPE.test(code)) {
    throw new ApiError(
      400,
      "invalid-dossier-code",
      `dossier code: ${JSON.stringify(rawCode.slice(0, 60))} does not look like H01.99-260101-0001 or 000.00.00.H26-250101-0001`,
    );
  }
  const row = db
    .prepare("SELECT code, procedure, agency, status, status_text, updated_at, history FROM dossiers WHERE code = ?")
    .get(code) as
    | { code: string; procedure: string; agency: string; status: Dossier["status"]; status_text: string; updated_at: string; history: string }
    | undefined;
  if (row === undefined) throw new ApiError(404, "dossier-not-found", `dossier code: no dossier ${code}`);
  return {
    code: row.code,
    procedure: row.procedure,
    agency: row.agency,
    status: row.status,
    statusText: row.status_text,
    updatedAt: row.updated_at,
    history: JSON.parse(row.history) as Dossier["history"],
  };
}
