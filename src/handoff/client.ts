/**
 * The central API client: one question, JSON or SSE, with a timeout, bounded retries with
 * backoff and jitter on 429/5xx/network errors, the same `Idempotency-Key` on every try, and
 * an abort signal for when the citizen closes or asks again. `fetch`, time and randomness are
 * injected so Node tests drive every path.
 */
import { HandoffError } from '../errors.js';
import type { AskAdapter } from './adapters.js';
import type { AskBody, HandoffAnswer } from './contract.js';
import { DEFAULT_RETRY, backoffDelay, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry.js';
import { createSseParser, type SseEvent } from './sse.js';

export interface RetryNotice {
  /** The try about to start, 2 for the first retry. */
  attempt: number;
  attempts: number;
  delayMs: number;
  error: HandoffError;
}

export interface AskOptions {
  base: string;
  adapter: AskAdapter;
  body: AskBody;
  /** The idempotency key: one per question, kept across retries and page loads. */
  key: string;
  stream: boolean;
  signal?: AbortSignal;
  /** No answer bytes for this long (before the reply, or between stream chunks) = a timeout. */
  timeoutMs?: number;
  policy?: RetryPolicy;
  /** Called with the whole text so far while it streams; starts again from '' after a retry. */
  onText?(text: string): void;
  onRetry?(notice: RetryNotice): void;
  fetch?: typeof fetch;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** `navigator.onLine`, where there is one: a network error while offline is not retried. */
  online?: () => boolean;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** Server-side error codes of an SSE `error` event that may go away on their own. */
const TRANSIENT_CODES = new Set(['timeout', 'unavailable', 'overloaded', 'rate-limited', 'busy']);

/**
 * Asks the central API one question.
 *
 * @returns The answer, once complete.
 * @throws HandoffError with `retryable` telling whether the outbox should keep the question.
 * @example
 * const answer = await askCentral({ base: 'https://chatbot.example.gov.vn', adapter: dvcAdapter, body, key: crypto.randomUUID(), stream: true });
 */
export async function askCentral(options: AskOptions): Promise<HandoffAnswer> {
  const policy = options.policy ?? DEFAULT_RETRY;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(options);
    } catch (caught) {
      const error = toHandoffError(caught, options.signal);
      const offline = options.online ? !options.online() : false;
      if (!error.retryable || attempt >= policy.attempts || (offline && (error.code === 'network' || error.code === 'timeout'))) {
        throw offline && error.code === 'network'
          ? new HandoffError('dvc/handoff: the device is offline', 'offline', true, null, null, { cause: error })
          : error;
      }
      if (error.retryAfterMs !== null && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const delayMs = Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt - 1, random(), policy));
      options.onRetry?.({ attempt: attempt + 1, attempts: policy.attempts, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

async function attemptOnce(options: AskOptions): Promise<HandoffAnswer> {
  const { adapter, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  const forward = () => controller.abort();
  if (signal?.aborted) throw abortedError();
  signal?.addEventListener('abort', forward, { once: true });
  arm();
  try {
    const { url, init } = adapter.request(options.base, options.body, options.key, options.stream);
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, { ...init, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
    } catch (cause) {
      throw timedOut
        ? new HandoffError(`dvc/handoff: no reply from ${url} within ${timeoutMs} ms`, 'timeout', true, null, null, { cause })
        : new HandoffError(`dvc/handoff: ${url} could not be reached`, 'network', true, null, null, { cause });
    }
    if (!response.ok) throw await httpError(response, url, (options.now ?? Date.now)());
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('text/event-stream') && response.body) {
      return await readStream(response.body, adapter, arm, options.onText);
    }
    arm();
    const value: unknown = await response.json().catch((cause: unknown) => {
      throw new HandoffError(`dvc/handoff: the reply of ${url} is not JSON`, 'protocol', false, response.status, null, { cause });
    });
    const answer = adapter.json(value);
    options.onText?.(answer.answer);
    return answer;
  } catch (caught) {
    if (timedOut && !(caught instanceof HandoffError && caught.code !== 'network')) {
      throw new HandoffError(`dvc/handoff: the reply stopped for ${timeoutMs} ms`, 'timeout', true, null, null, { cause: caught });
    }
    throw caught;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  adapter: AskAdapter,
  arm: () => void,
  onText: ((text: string) => void) | undefined,
): Promise<HandoffAnswer> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let result: HandoffAnswer | null = null;
  let failure: HandoffError | null = null;
  const parser = createSseParser((event: SseEvent) => {
    if (result || failure) return;
    const step = adapter.event(event, text);
    if (step.kind === 'delta' && step.text) {
      text += step.text;
      onText?.(text);
    } else if (step.kind === 'done') {
      result = step.answer;
    } else if (step.kind === 'error') {
      failure = new HandoffError(`dvc/handoff: the server reported ${step.code}: ${step.message}`, 'server', TRANSIENT_CODES.has(step.code));
    }
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arm();
      parser.push(decoder.decode(value, { stream: true }));
      if (result || failure) break;
    }
    parser.push(decoder.decode());
    parser.push('\n\n');
  } catch (cause) {
    throw new HandoffError('dvc/handoff: the answer stream was cut', 'network', true, null, null, { cause });
  } finally {
    reader.cancel().catch(() => undefined); // nothing more is wanted from this stream
  }
  if (failure) throw failure;
  if (!result) throw new HandoffError('dvc/handoff: the answer stream ended without "done"', 'protocol', true);
  const answer: HandoffAnswer = result;
  onText?.(answer.answer);
  return answer;
}

async function httpError(response: Response, url: string, now: number): Promise<HandoffError> {
  let detail = '';
  try {
    const value = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (value?.error) detail = `: ${String(value.error.code ?? '')} ${String(value.error.message ?? '')}`.trimEnd();
  } catch {
    detail = ''; // not the contract's error shape; the status says enough
  }
  return new HandoffError(
    `dvc/handoff: ${url} answered ${response.status}${detail}`,
    'http',
    isRetryableStatus(response.status),
    response.status,
    retryAfterMs(response.headers.get('Retry-After'), now),
  );
}

function toHandoffError(caught: unknown, signal: AbortSignal | undefined): HandoffError {
  if (signal?.aborted) return abortedError();
  if (caught instanceof HandoffError) return caught;
  return new HandoffError(`dvc/handoff: ${String(caught)}`, 'protocol', false, null, null, { cause: caught });
}

function abortedError(): HandoffError {
  return new HandoffError('dvc/handoff: cancelled', 'aborted', false);
}

/** Waits, or stops early (rejecting) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
