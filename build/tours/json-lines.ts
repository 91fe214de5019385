/**
 * Line numbers for JSON paths: which line of a JSON text holds the value (or, for a key
 * that is not there, its parent) at a path such as `steps/2/target/0`. A small scanner of
 * its own, because `JSON.parse` forgets positions. Assumes the text already parsed.
 */
import type { JsonPath } from '../../src/tours/validate.js';

/** Maps each path (joined with `/`) to the 1-based line where its value starts. */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      while (text[i] !== '}' && i < text.length) {
        skip();
        const key = string();
        skip();
        i++; // :
        value(path ? `${path}/${key}` : key);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '[') {
      i++;
      let index = 0;
      skip();
      while (text[i] !== ']' && i < text.length) {
        value(path ? `${path}/${index}` : String(index));
        index++;
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  };
  value('');
  return lines;
}

/** The line of a path, falling back to its nearest ancestor that exists (a missing field). */
export function lineOf(lines: Map<string, number>, path: JsonPath): number {
  for (let n = path.length; n >= 0; n--) {
    const line = lines.get(path.slice(0, n).join('/'));
    if (line !== undefined) return line;
  }
  return 1;
}
