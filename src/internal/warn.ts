const warned = new Set<string>();

/**
 * One console warning per distinct message and page: an integrator sees the problem,
 * the citizen's console is not flooded when a misconfigured page re-renders.
 */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`dvc-assistant: ${message}`);
}
