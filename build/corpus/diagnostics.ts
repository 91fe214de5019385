/** One problem found in a corpus file, pointing at the line an editor should look at. */
export interface Diagnostic {
  /** Path of the file as the editor knows it (relative to where the command runs). */
  file: string;
  /** 1-based line: the offending YAML key or list item, or 1 for file-level problems. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

/** `path/to/file.md:LINE: message` (warnings say so after the line). */
export function formatDiagnostic({ file, line, message, severity }: Diagnostic): string {
  return `${file}:${line}: ${severity === 'warning' ? 'warning: ' : ''}${message}`;
}

/** Diagnostics in reading order: by file, then line. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
