/**
 * Small values kept in Web Storage next to the conversation: the session pseudonym, the
 * handoff consent, the survey's last showing. Blocked storage falls back to memory.
 */
import type { DvcConfig } from '../config/schema.js';
import { uuid } from '../internal/ids.js';

const memory = new Map<string, string>();

function storageFor(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'local' ? localStorage : sessionStorage;
  } catch {
    return null;
  }
}

/** Web Storage when it works; memory (this page only) when it is blocked or full. */
export function readValue(kind: 'session' | 'local', key: string): string | null {
  const storage = storageFor(kind);
  if (!storage) return memory.get(key) ?? null;
  try {
    return storage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function writeValue(kind: 'session' | 'local', key: string, value: string): void {
  const storage = storageFor(kind);
  try {
    if (!storage) throw new Error('no storage');
    storage.setItem(key, value);
    memory.delete(key);
  } catch {
    memory.set(key, value); // kept for this page only
  }
}

const SESSION_ID_KEY = 'dvc-assistant:session-id';
const CONSENT_KEY = 'dvc-assistant:handoff-consent:v1';

/** A random pseudonym for this browser session: counts sessions, identifies nobody. */
export function sessionId(): string {
  const known = readValue('session', SESSION_ID_KEY);
  if (known) return known;
  const id = uuid();
  writeValue('session', SESSION_ID_KEY, id);
  return id;
}

/** Whether the citizen has agreed to hand questions off; kept where the conversation is kept. */
export function hasConsent(persist: DvcConfig['persist']): boolean {
  if (persist === 'none') return memory.get(CONSENT_KEY) === '1';
  return readValue(persist === 'local' ? 'local' : 'session', CONSENT_KEY) === '1';
}

export function giveConsent(persist: DvcConfig['persist']): void {
  if (persist === 'none') memory.set(CONSENT_KEY, '1');
  else writeValue(persist === 'local' ? 'local' : 'session', CONSENT_KEY, '1');
}
