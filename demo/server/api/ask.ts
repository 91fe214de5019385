/**
 * `POST /v1/ask`: a question handed off by the widget, answered as JSON or as an event stream
 * (`delta` … `done`, or `error`), exactly once per `Idempotency-Key`:
 *
 * - new key → a `running` row, the responder runs, the reply is stored (`done`) or the row is `failed`;
 * - same key while running → 409 with `Retry-After`;
 * - same key once done → the stored reply is replayed (same handoffId, `Idempotent-Replayed: true`);
 * - same key after a failure → the question runs again under the same handoffId (still one row);
 * - same key with another question → 422 (a client bug, not a retry).
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fingerprint, idempotencyKey, parseAsk, type AskRequest } from "./ask-request.js";
import { createAsk, failAsk, findAsk, finishAsk, restartAsk } from "./ask-store.js";
import { readJson } from "./body.js";
import type { ApiState } from "./context.js";
import { ApiError, sendError, sendJson } from "./http.js";
import type { Reply } from "./responder.js";
import { openEventStream, sseFrame } from "./sse.js";
import { UpstreamError } from "./upstream.js";

/** Seconds a client should wait before retrying a key whose first request is still running. */
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

/** Handles one ask request. */
export async function handleAsk(req: IncomingMessage, res: ServerResponse, api: ApiState): Promise<void> {
  const key = idempotencyKey(req);
  const request = parseAsk(await readJson(req));
  const requestHash = fingerprint(request);
  const stream = acceptsEventStream(req);

  // From here to createAsk/restartAsk nothing awaits, so two requests with one key cannot both start.
  const existing = findAsk(api.db, key);
  let handoffId: string;
  if (existing === undefined) {
    handoffId = randomUUID();
    createAsk(api.db, { handoffId, key, requestHash, request, now: api.now() });
  } else if (existing.requestHash !== requestHash) {
    throw new ApiError(422, "idempotency-key-reused", "Idempotency-Key: already used for another question; send a new key with a new question");
  } else if (existing.state === "running") {
    throw new ApiError(409, "in-progress", "Idempotency-Key: the first request with this key is still being answered; retry after Retry-After seconds", {
      "Retry-After": String(IN_PROGRESS_RETRY_AFTER_SECONDS),
    });
  } else if (existing.state === "done" && existing.reply !== undefined) {
    replay(req, res, stream, { ...existing.reply, handoffId: existing.handoffId });
    return;
  } else {
    handoffId = existing.handoffId;
    restartAsk(api.db, handoffId);
  }
  await answer(req, res, api, { request, handoffId, stream });
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  api: ApiState,
  run: { request: AskRequest; handoffId: string; stream: boolean },
): Promise<void> {
  const controller = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort(new Error("dvc/demo-api: the client closed the connection"));
  };
  res.on("close", onClose);
  if (run.stream) openEventStream(res);
  try {
    const outcome = await api.responder(run.request, {
      signal: controller.signal,
      stream: run.stream,
      onDelta: (text) => {
        if (run.stream && !res.destroyed) res.write(sseFrame("delta", { text }));
      },
    });
    finishAsk(api.db, run.handoffId, outcome, run.request.question, api.now());
    const body = { answer: outcome.answer, sources: outcome.sources, actions: outcome.actions, handoffId: run.handoffId };
    if (run.stream) res.end(sseFrame("done", body));
    else sendJson(req, res, 200, body);
  } catch (error) {
    const problem = describeFailure(error, controller.signal.aborted);
    if (problem.status >= 500) api.log(`dvc/demo-api: ask ${run.handoffId} failed: ${describeError(error)}`);
    failAsk(api.db, run.handoffId, { code: problem.code, message: problem.message }, api.now());
    if (controller.signal.aborted) return; // nobody is listening any more
    if (run.stream) res.end(sseFrame("error", { code: problem.code, message: problem.message }));
    else sendError(req, res, problem.status, problem.code, problem.message);
  } finally {
    res.off("close", onClose);
  }
}

/** Sends a stored reply again, in the form this request asked for. */
function replay(req: IncomingMessage, res: ServerResponse, stream: boolean, body: Reply & { handoffId: string }): void {
  res.setHeader("Idempotent-Replayed", "true");
  if (!stream) {
    sendJson(req, res, 200, body);
    return;
  }
  openEventStream(res);
  res.write(sseFrame("delta", { text: body.answer }));
  res.end(sseFrame("done", body));
}

function describeFailure(error: unknown, aborted: boolean): { status: number; code: string; message: string } {
  if (aborted) return { status: 499, code: "client-closed", message: "the client closed the connection" };
  if (error instanceof UpstreamError) {
    return { status: 502, code: "upstream-unavailable", message: "the central chatbot did not answer; retry later" };
  }
  return { status: 500, code: "internal-error", message: "the server could not answer; retry later" };
}

/** Whether the client asked for an event stream (`Accept: text/event-stream`, not with `q=0`). */
export function acceptsEventStream(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return accept.split(",").some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    if (type !== "text/event-stream") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function describeError(error: unknown): string {
  if (error instanceof UpstreamError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
