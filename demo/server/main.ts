/**
 * Entry point: `npm start` / `tsx demo/server/main.ts`.
 *
 * Environment (see `env.ts` and `demo/README.md`): `HOST` (default 127.0.0.1), `PORT` (default 8080),
 * `ASSETS_PORT` (optional: a second listener that serves only the widget files with CORS, playing the central
 * CDN), `DATA_DIR` (default ./data: the API's SQLite database), `ALLOWED_ORIGINS`, `RATE_LIMIT`,
 * `TRUST_PROXY`, `STAFF_TOKEN`, `UPSTREAM_URL` / `UPSTREAM_MODEL` / `UPSTREAM_API_KEY` /
 * `UPSTREAM_TIMEOUT_MS`, `FILING_PATHS`, `FILING_TOURS`.
 */
import { EnvError, optionsFromEnv } from "./env.js";
import { startServer, type ServerOptions } from "./server.js";

let options: ServerOptions;
try {
  options = optionsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`dvc/demo-server: ${error.message}`);
  process.exit(2);
}

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer(options);
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  console.error(`dvc/demo-server: cannot start (${err.code ?? err.message}). Set PORT/ASSETS_PORT to free ports and DATA_DIR to a writable folder.`);
  process.exit(1);
}

console.log(
  `dvc-assistant demo: ${server.url}/` + (server.assetsUrl === undefined ? "" : ` (widget CDN: ${server.assetsUrl}/widget/)`),
);
if (server.staffTokenGenerated) {
  // Development only: production sets STAFF_TOKEN. The token is kept in DATA_DIR, so it survives restarts.
  console.log(`dvc-assistant demo: staff page ${server.url}/staff, dev token (STAFF_TOKEN unset): ${server.staffToken}`);
}

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) {
    // Second Ctrl+C: do not wait for slow connections.
    process.exit(130);
  }
  stopping = true;
  console.log(`dvc-assistant demo: stopping (${signal})`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`dvc/demo-server: error while stopping on ${signal}:`, error);
      process.exit(1);
    },
  );
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
