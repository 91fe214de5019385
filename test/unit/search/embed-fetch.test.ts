/**
 * `npm run model:fetch` against a Hugging Face stand-in on 127.0.0.1 (HF_ENDPOINT), so the
 * download path runs offline: the files land in `<out>/<id>/` and index.json lists them;
 * a missing file or an unreachable host leaves nothing behind.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchModel } from '../../../build/model/fetch.js';
import { TINY_MODEL_ID, makeTinyModel } from '../../../build/model/make-tiny-model.js';
import { MODEL_FILES, listModels } from '../../../build/model/model-index.js';

let source: string;
let server: Server;
let endpoint: string;
const requests: string[] = [];

beforeAll(async () => {
  source = await mkdtemp(path.join(tmpdir(), 'dvc-hub-'));
  await makeTinyModel({ out: source });
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(request.url ?? '');
    readFile(path.join(source, ...(match ? [...match[1]!.split('/'), match[2]!] : ['none'])))
      .then((body) => response.writeHead(200, { 'content-length': body.length }).end(body))
      .catch(() => response.writeHead(404).end('Entry not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (source) await rm(source, { recursive: true, force: true });
});

describe('model:fetch', () => {
  it('downloads the four files from <endpoint>/<id>/resolve/main/ and lists the model', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'dvc-models-'));
    try {
      const lines: string[] = [];
      const index = await fetchModel({ id: TINY_MODEL_ID, out, endpoint, log: (line) => lines.push(line) });
      expect(requests).toEqual(MODEL_FILES.map((file) => `/${TINY_MODEL_ID}/resolve/main/${file}`));
      for (const file of MODEL_FILES) {
        const fetched = await readFile(path.join(out, 'dvc-test', 'tiny-vi-embed', file));
        expect(fetched.equals(await readFile(path.join(source, 'dvc-test', 'tiny-vi-embed', file))), file).toBe(true);
      }
      expect(index.models.map((model) => model.id)).toEqual([TINY_MODEL_ID]);
      expect(JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8'))).toEqual(index);
      expect(lines.at(-1)).toMatch(/index\.json lists dvc-test\/tiny-vi-embed/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('leaves no half model behind when a file is missing', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'dvc-models-'));
    try {
      await expect(fetchModel({ id: 'dvc-test/absent', out, endpoint, log: () => undefined })).rejects.toThrow(/HTTP 404/);
      expect(await listModels(out)).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('says clearly when the host cannot be reached, and refuses malformed ids', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const out = path.join(tmpdir(), `dvc-never-${process.pid}`);
    const attempt = fetchModel({ id: TINY_MODEL_ID, out, endpoint: `http://127.0.0.1:${port}`, log: () => undefined });
    await expect(attempt).rejects.toThrow(FetchError);
    await expect(attempt).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*where Hugging Face is reachable/);
    await expect(fetchModel({ id: '../etc', out, endpoint })).rejects.toThrow(/not a model id/);
  });
});
