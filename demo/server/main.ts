/**
 * Entry point: `npm start` / `tsx demo/server/main.ts`.
 *
 * Environment: `HOST` (default 127.0.0.1), `PORT` (default 8080), `ASSETS_PORT` (optional: a second
 * listener that serves only the widget files with CORS, playing the central CDN), `DATA_DIR` (default
 * ./data, for the reference API).
 */
import path from "node:path";
import { startServer } from "./server.js";

function portFromEnv(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`dvc/demo-server: ${name} must be a port number (0–65535), got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const host = process.env.HOST?.trim() || "127.0.0.1";
const port = portFromEnv("PORT", 8080);
const assetsPort = portFromEnv("ASSETS_PORT", undefined);
const dataDir = path.resolve(process.env.DATA_DIR?.trim() || "data");

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    host,
    ...(port === undefined ? {} : { port }),
    ...(assetsPort === undefined ? {} : { assetsPort }),
    dataDir,
  });
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  console.error(`dvc/demo-server: cannot listen (${err.code ?? err.message}). Set PORT/ASSETS_PORT to free ports.`);
  process.exit(1);
}

console.log(
  `dvc-assistant demo: ${server.url}/` + (server.assetsUrl === undefined ? "" : ` (widget CDN: ${server.assetsUrl}/widget/)`),
);

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
