/**
 * Helpers of the server tests: a demo server on a random port with its own temporary data folder, typed
 * calls to its API, a plain event-stream parser (independent of the server's own), and a tiny fake
 * OpenAI-compatible upstream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../../demo/server/api/db.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../demo/server/server.js';

export const STAFF_TOKEN = 'unit-test-staff-token';

/** A fresh data folder; remove it with the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dvc-api-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  api: string;
  /** Lines the API logged (kept out of the console). */
  logs: string[];
}

/** Starts the demo server on a random port with no rate limit unless given. */
export async function startTestServer(dataDir: string, options: ServerOptions = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer({
    port: 0,
    dataDir,
    staffToken: STAFF_TOKEN,
    rateLimitPerMinute: 0,
    log: (line) => logs.push(line),
    ...options,
  });
  return Object.assign(server, { api: `${server.url}/api/v1`, logs });
}

/** A valid ask body; override fields as needed. */
export function askBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sessionId: 'session-1',
    question: 'Làm lại căn cước ở đâu?',
    lang: 'vi',
    page: { url: 'http://127.0.0.1/thu-tuc', title: 'Thủ tục' },
    candidates: [{ id: 'can-cuoc', title: 'Cấp đổi thẻ căn cước', score: 0.41 }],
    history: [],
    ...overrides,
  };
}

/** POSTs JSON to the API. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Parses a whole event stream the plain way: blocks split by a blank line, `event:` and `data:` lines. */
export function parseEventStream(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

/** Reads rows straight from the server's database file (WAL lets a second reader in). */
export function queryDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface FakeUpstream {
  url: string;
  /** Bodies of the chat-completions requests received. */
  requests: Array<{ body: { model: string; messages: Array<{ role: string; content: string }>; stream: boolean }; authorization?: string }>;
  /** What the next requests get. */
  mode: 'json' | 'stream' | 'fail' | 'hold';
  /** Pieces of the answer. */
  pieces: string[];
  /** In `hold` mode, answers every held request (as `json`/`stream` by what it asked). */
  release(): void;
  close(): Promise<void>;
}

/** A fake OpenAI-compatible chat-completions server on a random port, at `<url>/chat/completions`. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const held: Array<() => void> = [];
  const fake: FakeUpstream = {
    url: '',
    requests: [],
    mode: 'json',
    pieces: ['Bạn mang ', 'căn cước cũ ', 'đến Công an phường.'],
    release: () => held.splice(0).forEach((answer) => answer()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as FakeUpstream['requests'][number]['body'];
      fake.requests.push({ body, ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }) });
      const answer = (): void => {
        if (fake.mode === 'fail') {
          res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
        } else if (body.stream) {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          for (const piece of fake.pieces) {
            res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: piece } }] })}\n\n`);
          }
          res.end('data: [DONE]\n\n');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: fake.pieces.join('') } }] }));
        }
      };
      if (fake.mode === 'hold') held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
