/**
 * Client of an OpenAI-compatible chat-completions endpoint (many central chatbots speak it):
 * `POST <UPSTREAM_URL>/chat/completions` with `{model, messages, stream}`, reading either the JSON reply
 * (`choices[0].message.content`) or the event stream (`choices[0].delta.content` … `data: [DONE]`).
 */
import type { AskRequest } from "./ask-request.js";
import { SseDecoder } from "./sse.js";

export interface UpstreamConfig {
  /** Base URL (`https://llm.example.gov.vn/v1`) or the full `…/chat/completions` URL. */
  url: string;
  /** Model name sent in every request. */
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** Whole-request timeout in milliseconds. */
  timeoutMs: number;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The upstream failed (network, timeout, HTTP status, malformed or empty reply). */
export class UpstreamError extends Error {
  override name = "UpstreamError";
}

/**
 * @example
 * chatCompletionsUrl("http://127.0.0.1:9000/v1"); // "http://127.0.0.1:9000/v1/chat/completions"
 */
export function chatCompletionsUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/chat/completions") ? trimmed : `${trimmed}/chat/completions`;
}

const SYSTEM_PROMPTS = Object.freeze({
  vi:
    "Bạn là trợ lý dịch vụ công trên cổng thông tin của một cơ quan nhà nước Việt Nam. Trả lời bằng tiếng Việt, " +
    "ngắn gọn, lịch sự, xưng \"bạn\" với người dân, dùng các bước đánh số khi hướng dẫn. Chỉ nói điều bạn chắc chắn; " +
    "nếu không chắc, nói rõ và chỉ nơi người dân có thể hỏi. Không hỏi số giấy tờ, số điện thoại hay thông tin cá nhân.",
  en:
    "You are the public-service assistant on a Vietnamese government portal. Answer in English, briefly and politely, " +
    "with numbered steps for procedures. Only state what you are sure of; when unsure, say so and tell the citizen where " +
    "to ask. Never ask for ID numbers, phone numbers or other personal data.",
});

/**
 * Builds the chat messages: instructions with the page and the closest corpus entries, the history, the question.
 *
 * @param request - The validated ask request.
 * @returns Messages in the chat-completions shape.
 */
export function chatMessages(request: AskRequest): ChatMessage[] {
  const context = [SYSTEM_PROMPTS[request.lang]];
  const pageLabel = request.lang === "vi" ? "Trang người dân đang xem" : "Page the citizen is on";
  context.push(`${pageLabel}: ${request.page.title === "" ? request.page.url : `${request.page.title} (${request.page.url})`}`);
  if (request.candidates.length > 0) {
    const label = request.lang === "vi" ? "Các mục hướng dẫn gần nhất trong kho câu hỏi" : "Closest entries in the FAQ";
    context.push(`${label}: ${request.candidates.map((c) => `"${c.title}"`).join(", ")}`);
  }
  return [
    { role: "system", content: context.join("\n") },
    ...request.history.map((turn): ChatMessage => ({ role: turn.role, content: turn.text })),
    { role: "user", content: request.question },
  ];
}

/**
 * Asks the upstream for one completion.
 *
 * @param config - Where and how to ask.
 * @param messages - The conversation.
 * @param options - `stream` to ask for an event stream and pass each piece to `onDelta`; `signal` to abort.
 * @returns The whole answer text.
 * @throws UpstreamError on any failure; the abort reason when `signal` aborts.
 */
export async function completeChat(
  config: UpstreamConfig,
  messages: readonly ChatMessage[],
  options: { stream: boolean; signal: AbortSignal; onDelta: (text: string) => void },
): Promise<string> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(config.timeoutMs)]);
  const url = chatCompletionsUrl(config.url);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: options.stream ? "text/event-stream" : "application/json",
        ...(config.apiKey === undefined ? {} : { Authorization: `Bearer ${config.apiKey}` }),
      },
      body: JSON.stringify({ model: config.model, messages, stream: options.stream }),
      signal,
    });
  } catch (error) {
    throw failure(options.signal, `cannot reach ${url}: ${describeError(error)}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamError(`dvc/demo-api: upstream answered HTTP ${response.status}`);
  }
  try {
    const type = response.headers.get("content-type") ?? "";
    const answer = type.startsWith("text/event-stream")
      ? await readStream(response, options.onDelta)
      : readJsonAnswer(await response.json(), options.stream ? options.onDelta : undefined);
    if (answer.trim() === "") throw new UpstreamError("dvc/demo-api: upstream sent an empty answer");
    return answer;
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    throw failure(options.signal, `upstream reply unreadable: ${describeError(error)}`);
  }
}

/** Reads `choices[0].message.content` of a non-streamed reply. */
function readJsonAnswer(value: unknown, onDelta: ((text: string) => void) | undefined): string {
  const content = (value as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new UpstreamError("dvc/demo-api: upstream reply has no choices[0].message.content");
  onDelta?.(content);
  return content;
}

/** Reads a streamed reply, forwarding each `choices[0].delta.content` piece. */
async function readStream(response: Response, onDelta: (text: string) => void): Promise<string> {
  if (response.body === null) throw new UpstreamError("dvc/demo-api: upstream stream has no body");
  const decoder = new SseDecoder();
  const text = new TextDecoder();
  let answer = "";
  const handle = (data: string): boolean => {
    if (data.trim() === "[DONE]") return true;
    const chunk = JSON.parse(data) as {
      error?: { message?: string };
      choices?: Array<{ delta?: { content?: unknown } }>;
    };
    if (chunk.error !== undefined) {
      throw new UpstreamError(`dvc/demo-api: upstream stream error: ${chunk.error.message ?? "unknown"}`);
    }
    const piece = chunk.choices?.[0]?.delta?.content;
    if (typeof piece === "string" && piece !== "") {
      answer += piece;
      onDelta(piece);
    }
    return false;
  };
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const data of decoder.push(text.decode(value, { stream: true }))) {
        if (handle(data)) return answer;
      }
    }
  } finally {
    // Stop the rest of the body (after [DONE], or when a piece was unreadable); a no-op once it ended.
    await reader.cancel().catch(() => undefined);
  }
  for (const data of decoder.flush()) if (handle(data)) return answer;
  // Some gateways end the stream without `[DONE]`; what arrived is the answer.
  return answer;
}

/** An abort by the client stays an abort; anything else becomes an {@link UpstreamError}. */
function failure(clientSignal: AbortSignal, message: string): unknown {
  if (clientSignal.aborted) return clientSignal.reason;
  return new UpstreamError(`dvc/demo-api: ${message}`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
