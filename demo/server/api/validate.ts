/**
 * Tiny input validators. Each failure is a 400 whose message names the field, e.g.
 * `body.history[2].role: expected "user" or "assistant", got "system"`, so an integrator sees what and where.
 */
import { ApiError } from "./http.js";

/** A plain JSON object, as read from a request body. */
export type JsonObject = Readonly<Record<string, unknown>>;

function invalid(where: string, expected: string, value: unknown): ApiError {
  return new ApiError(400, "invalid-request", `${where}: expected ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}

/** @throws ApiError 400 unless `value` is a non-array object. */
export function object(value: unknown, where: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(where, "an object", value);
  return value as JsonObject;
}

/** @throws ApiError 400 unless `value` is an array of at most `max` items. */
export function array(value: unknown, where: string, max: number): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(where, "an array", value);
  if (value.length > max) throw invalid(where, `at most ${max} items`, `${value.length} items`);
  return value;
}

export interface StringRule {
  /** Shortest accepted length after trimming. Default 1. */
  min?: number;
  /** Longest accepted length. */
  max: number;
}

/**
 * Reads a required string field (trimmed, NFC-normalised so Vietnamese text compares byte for byte).
 *
 * @throws ApiError 400 when missing, not a string, or out of bounds.
 */
export function text(obj: JsonObject, key: string, where: string, rule: StringRule): string {
  const value = obj[key];
  const at = `${where}.${key}`;
  if (typeof value !== "string") throw invalid(at, "a string", value);
  const clean = value.normalize("NFC").trim();
  const min = rule.min ?? 1;
  if (clean.length < min) throw invalid(at, min === 1 ? "a non-empty string" : `at least ${min} characters`, value);
  if (clean.length > rule.max) throw invalid(at, `at most ${rule.max} characters`, value);
  return clean;
}

/** Like {@link text}, but `undefined` (or `null`) when the field is absent. */
export function optionalText(obj: JsonObject, key: string, where: string, rule: StringRule): string | undefined {
  return obj[key] === undefined || obj[key] === null ? undefined : text(obj, key, where, rule);
}

/** Reads a field that must be one of `choices`. */
export function oneOf<T extends string>(obj: JsonObject, key: string, where: string, choices: readonly T[]): T {
  const value = obj[key];
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  throw invalid(`${where}.${key}`, choices.map((c) => JSON.stringify(c)).join(" or "), value);
}

/** Reads an optional integer in `[min, max]`. */
export function optionalInteger(obj: JsonObject, key: string, where: string, min: number, max: number): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${where}.${key}`, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/** Reads an optional finite number. */
export function optionalNumber(obj: JsonObject, key: string, where: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(`${where}.${key}`, "a number", value);
  return value;
}

/**
 * Reads a timestamp given as epoch milliseconds or an ISO 8601 string.
 *
 * @returns Epoch milliseconds.
 */
export function timestamp(obj: JsonObject, key: string, where: string): number {
  const value = obj[key];
  const ms = typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) throw invalid(`${where}.${key}`, "epoch milliseconds or an ISO 8601 date", value);
  return ms;
}
