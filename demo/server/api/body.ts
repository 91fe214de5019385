/**
 * Request bodies: a size cap (413 past {@link BODY_LIMIT_BYTES}), a content-type check (415) and JSON
 * parsing (400), each refusal an {@link ApiError} in the contract's shape.
 */
import type { IncomingMessage } from "node:http";
import { ApiError } from "./http.js";

/** Largest body the API reads: a question with six turns of history fits many times over. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * How much of an oversized body is still read (and dropped) before the connection is cut. Reading a little
 * past the cap lets the client finish sending and see the 413 instead of a reset connection.
 */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads the whole body, refusing more than `limit` bytes.
 *
 * @param req - The request.
 * @param limit - Largest accepted size in bytes.
 * @returns The body bytes.
 * @throws ApiError 413 when `Content-Length` or the bytes received exceed `limit`.
 */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  const tooLarge = (): ApiError =>
    new ApiError(413, "payload-too-large", `request body: larger than ${limit} bytes`, { Connection: "close" });
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req) {
    received += (chunk as Buffer).length;
    if (received > DRAIN_LIMIT_BYTES) {
      req.destroy();
      throw tooLarge();
    }
    if (received <= limit) chunks.push(chunk as Buffer);
  }
  if (received > limit) throw tooLarge();
  return Buffer.concat(chunks);
}

/**
 * Reads and parses a JSON body.
 *
 * @param req - The request.
 * @param acceptedTypes - Media types allowed in `Content-Type` (`text/plain` for `sendBeacon` bodies).
 * @returns The parsed value (not yet validated).
 * @throws ApiError 415 for another content type, 413 when too large, 400 when not UTF-8 JSON.
 */
export async function readJson(
  req: IncomingMessage,
  acceptedTypes: readonly string[] = ["application/json"],
): Promise<unknown> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!acceptedTypes.includes(type)) {
    throw new ApiError(
      415,
      "unsupported-media-type",
      `Content-Type: expected ${acceptedTypes.join(" or ")}, got ${type === "" ? "none" : JSON.stringify(type)}`,
    );
  }
  const bytes = await readBody(req);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid-json", "request body: not valid UTF-8");
  }
  if (text.trim() === "") throw new ApiError(400, "invalid-json", "request body: empty, expected JSON");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, "invalid-json", `request body: not valid JSON (${(error as Error).message})`);
  }
}
