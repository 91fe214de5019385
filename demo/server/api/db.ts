/**
 * The reference API's SQLite database (`<DATA_DIR>/dvc-api.sqlite`, better-sqlite3): created on first
 * start, migrated by `PRAGMA user_version`, seeded with the demo dossiers on every start (new seeds appear,
 * edited rows are left alone).
 *
 * Tables
 * - `asks`      one row per `Idempotency-Key`: the question, its state and the stored reply (replays);
 *               `gap_key` is set when nobody could answer it (a content gap for the staff page)
 * - `dossiers`  dossier status lookup
 * - `feedback`  up / down / csat / missing
 * - `events`    the widget's telemetry (no question text, no personal data)
 * - `meta`      small settings, e.g. the generated staff token
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SEED_DOSSIERS } from "./seed.js";

export type Db = Database.Database;

/** File name inside `DATA_DIR`. */
export const DB_FILE = "dvc-api.sqlite";

/** Schema steps; step `i` takes `user_version` from `i` to `i + 1`. Append only. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE asks (
    handoff_id      TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT NOT NULL,
    session_id      TEXT NOT NULL,
    lang            TEXT NOT NULL,
    question        TEXT NOT NULL,
    page_url        TEXT,
    page_title      TEXT,
    state           TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    responder       TEXT,
    reply           TEXT,
    error           TEXT,
    gap_key         TEXT,
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER
  );
  CREATE INDEX asks_created ON asks (created_at);
  CREATE INDEX asks_gap ON asks (gap_key) WHERE gap_key IS NOT NULL;

  CREATE TABLE dossiers (
    code        TEXT PRIMARY KEY,
    procedure   TEXT NOT NULL,
    agency      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('received', 'processing', 'needs-supplement', 'done', 'rejected')),
    status_text TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    history     TEXT NOT NULL
  );

  CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    target_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('up', 'down', 'csat', 'missing')),
    rating     INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment    TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX feedback_created ON feedback (created_at);

  CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    session_id  TEXT NOT NULL,
    lang        TEXT NOT NULL,
    path        TEXT NOT NULL,
    entry_id    TEXT,
    tour_id     TEXT
  );
  CREATE INDEX events_ts ON events (ts);

  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

/**
 * Opens (creating the folder and file when needed) and migrates the database.
 *
 * @param dataDir - The data folder; created if missing.
 * @returns The open database; the caller closes it.
 * @throws Error when the file was written by a newer version of this server.
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    // WAL: readers (the staff page) do not block the writer; NORMAL is durable enough in WAL mode.
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    seedDossiers(db);
    // A reply still "running" was cut by a stop or crash: let the client's retry run it again.
    db.prepare("UPDATE asks SET state = 'failed', error = ? WHERE state = 'running'").run(
      JSON.stringify({ code: "interrupted", message: "the server stopped while answering" }),
    );
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `dvc/demo-api: ${DB_FILE} has schema version ${version}, this server knows up to ${MIGRATIONS.length}; use a newer server or another DATA_DIR`,
    );
  }
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

function seedDossiers(db: Db): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO dossiers (code, procedure, agency, status, status_text, updated_at, history)
     VALUES (@code, @procedure, @agency, @status, @statusText, @updatedAt, @history)`,
  );
  db.transaction(() => {
    for (const d of SEED_DOSSIERS) insert.run({ ...d, history: JSON.stringify(d.history) });
  })();
}

/** Reads a `meta` value. */
export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

/** Writes a `meta` value. */
export function setMeta(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
}
