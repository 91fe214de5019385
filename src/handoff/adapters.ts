/**
 * Adapters: how a question is put to a central chatbot, and how its reply is read. Pure: they
 * build requests and parse replies, the client does the fetching.
 * - `dvc`: the native handoff contract v1 (`POST {api}/v1/ask`, JSON or SSE with `delta`/`done`/`error`).
 * - `openai`: an OpenAI-compatible chat-completions gateway (`POST {api}/chat/completions`, where
 *   `api` is the gateway's base URL with its version, as OpenAI SDKs take it: `https://gw.example/v1`).
 */
import { toHandoffAnswer, type AskBody, type HandoffAnswer } from './contract.js';
import type { SseEvent } from './sse.js';

export type StreamStep =
  | { kind: 'delta'; text: string }
  | { kind: 'done'; answer: HandoffAnswer }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'ignore' };

export interface AskAdapter {
  readonly name: 'dvc' | 'openai';
  /** Whether the server understands `Idempotency-Key` (and allows it through CORS). */
  readonly idempotent: boolean;
  request(base: string, body: AskBody, key: string, stream: boolean): { url: string; init: RequestInit };
  /** Reads a whole JSON reply. */
  json(value: unknown): HandoffAnswer;
  /** Reads one stream event, given the text received so far. */
  event(event: SseEvent, textSoFar: string): StreamStep;
}

export const dvcAdapter: AskAdapter = Object.freeze({
  name: 'dvc' as const,
  idempotent: true,
  request(base: string, body: AskBody, key: string, stream: boolean) {
    return {
      url: `${base}/v1/ask`,
      init: {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: stream ? 'text/event-stream' : 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify(body),
      },
    };
  },
  json: (value: unknown) => toHandoffAnswer(value, 'the JSON reply'),
  event(event: SseEvent): StreamStep {
    const data = parseData(event.data);
    switch (event.event) {
      case 'delta':
        return { kind: 'delta', text: typeof data?.text === 'string' ? data.text : '' };
      case 'done':
        return { kind: 'done', answer: toHandoffAnswer(data, 'the SSE "done" event') };
      case 'error':
        return { kind: 'error', code: String(data?.code ?? 'error'), message: String(data?.message ?? '') };
      default:
        return { kind: 'ignore' };
    }
  },
});

/** What an OpenAI-style model is told: who it speaks for, how to answer, what the FAQ search found. */
export function systemPrompt(body: AskBody): string {
  const lines =
    body.lang === 'vi'
      ? [
          'Bạn là trợ lý dịch vụ công trực tuyến. Trả lời bằng tiếng Việt, ngắn gọn, lịch sự, xưng "bạn", theo từng bước đánh số.',
          'Nếu không chắc, hãy nói rõ và hướng dẫn người dân liên hệ bộ phận một cửa. Không hỏi số giấy tờ, mật khẩu hay mã OTP.',
        ]
      : [
          'You are a public-service assistant. Answer in plain English, briefly and politely, in numbered steps.',
          'If unsure, say so and point to the agency’s service desk. Never ask for ID numbers, passwords or OTP codes.',
        ];
  if (body.candidates.length) {
    lines.push(`${body.lang === 'vi' ? 'Các mục hỏi đáp gần nhất' : 'Closest FAQ entries'}: ${body.candidates.map((c) => c.title).join('; ')}`);
  }
  lines.push(`${body.lang === 'vi' ? 'Trang người dân đang xem' : 'Page'}: ${body.page.title} (${body.page.url})`);
  return lines.join('\n');
}

export const openAiAdapter: AskAdapter = Object.freeze({
  name: 'openai' as const,
  idempotent: false,
  request(base: string, body: AskBody, _key: string, stream: boolean) {
    const messages = [
      { role: 'system', content: systemPrompt(body) },
      ...body.history.map((turn) => ({ role: turn.role, content: turn.text })),
      { role: 'user', content: body.question },
    ];
    return {
      url: `${base}/chat/completions`,
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: stream ? 'text/event-stream' : 'application/json' },
        // Gateways route `model` to whatever model they serve; `user` is a per-session pseudonym only.
        body: JSON.stringify({ model: 'dvc-assistant', messages, stream, user: body.sessionId }),
      },
    };
  },
  json(value: unknown) {
    const reply = value as { id?: unknown; choices?: { message?: { content?: unknown } }[] } | null;
    const content = reply?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new TypeError('dvc/handoff: the chat-completions reply has no choices[0].message.content');
    return { answer: content, sources: [], actions: [], handoffId: typeof reply?.id === 'string' ? reply.id : '' };
  },
  event(event: SseEvent, textSoFar: string): StreamStep {
    if (event.data.trim() === '[DONE]') return { kind: 'done', answer: { answer: textSoFar, sources: [], actions: [], handoffId: '' } };
    const data = parseData(event.data) as { error?: { code?: unknown; message?: unknown }; choices?: { delta?: { content?: unknown } }[] } | null;
    if (data?.error) return { kind: 'error', code: String(data.error.code ?? 'error'), message: String(data.error.message ?? '') };
    const text = data?.choices?.[0]?.delta?.content;
    return typeof text === 'string' && text ? { kind: 'delta', text } : { kind: 'ignore' };
  },
});

/** The adapter for the `api-type` option. */
export function adapterFor(apiType: 'dvc' | 'openai'): AskAdapter {
  return apiType === 'openai' ? openAiAdapter : dvcAdapter;
}

function parseData(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    throw new TypeError(`dvc/handoff: a stream event's data is not JSON: ${data.slice(0, 80)}`);
  }
}
