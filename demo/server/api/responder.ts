/**
 * Who answers a handed-off question: the OpenAI-compatible upstream when `UPSTREAM_URL` is set, otherwise
 * the honest fallback, which records the question as a content gap.
 */
import type { AskRequest } from "./ask-request.js";
import { fallbackReply } from "./fallback.js";
import { chatMessages, completeChat, type UpstreamConfig } from "./upstream.js";

export type ReplyAction = { type: "tour"; id: string } | { type: "link"; url: string; label: string };

/** The reply fields of the contract (the handoffId is added by the caller). */
export interface Reply {
  answer: string;
  sources: ReadonlyArray<{ title: string; url: string }>;
  actions: readonly ReplyAction[];
}

export interface Outcome extends Reply {
  responder: "upstream" | "fallback";
  /** Nobody could answer: the staff page lists it among the content gaps. */
  gap: boolean;
}

export interface RespondOptions {
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Whether the client reads a stream (then the upstream is asked to stream too). */
  stream: boolean;
  /** Receives the answer in pieces, in order; their concatenation is the final `answer`. */
  onDelta: (text: string) => void;
}

export type Responder = (request: AskRequest, options: RespondOptions) => Promise<Outcome>;

/**
 * @param upstream - The central chatbot, or `undefined` for the fallback.
 * @returns The responder the `ask` route uses.
 */
export function createResponder(upstream: UpstreamConfig | undefined): Responder {
  if (upstream === undefined) return respondWithFallback;
  return async (request, options) => {
    const answer = await completeChat(upstream, chatMessages(request), options);
    return { answer, sources: [], actions: [], responder: "upstream", gap: false };
  };
}

async function respondWithFallback(request: AskRequest, options: RespondOptions): Promise<Outcome> {
  const { paragraphs, sources } = fallbackReply(request.lang);
  paragraphs.forEach((paragraph, i) => options.onDelta(i === 0 ? paragraph : `\n\n${paragraph}`));
  return { answer: paragraphs.join("\n\n"), sources, actions: [], responder: "fallback", gap: true };
}
