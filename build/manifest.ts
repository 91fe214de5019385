/** One chunk of Vite's `dist/.vite/manifest.json`. */
export interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

/** Files a page fetches for an entry before anything else is asked for (static imports only). */
export function staticClosure(manifest: Record<string, ManifestChunk>, key: string): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return [...seen];
}


/**
 * What a lazy chunk adds once the UI is loaded: its static closure minus the files the UI
 * already brought (shared chunks are paid for once).
 */
export function lazyClosure(manifest: Record<string, ManifestChunk>, key: string, loaded: readonly string[]): string[] {
  const already = new Set(loaded);
  return staticClosure(manifest, key).filter((file) => !already.has(file));
}
