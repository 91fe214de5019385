/**
 * A small incremental parser for `text/event-stream` (the WHATWG "event stream interpretation"):
 * feed it text as it arrives, it calls back once per complete event. Pure, no DOM.
 */

export interface SseEvent {
  /** `event:` field; `message` when absent. */
  event: string;
  /** `data:` lines joined with `\n`. */
  data: string;
}

/**
 * @param onEvent - Called for every complete event (an empty line ends one).
 * @returns `push(chunk)` for each piece of text, `end()` when the stream closes.
 * @example
 * const parser = createSseParser((e) => console.log(e.event, JSON.parse(e.data)));
 * parser.push('event: delta\ndata: {"text":"Xin"}\n\n');
 */
export function createSseParser(onEvent: (event: SseEvent) => void): { push(chunk: string): void; end(): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let sawData = false;

  const dispatch = () => {
    if (sawData) onEvent({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
    sawData = false;
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return; // a comment (keep-alive)
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      sawData = true;
    }
  };

  return {
    push(chunk) {
      buffer += chunk;
      // Lines end with \r\n, \n or \r; a lone \r at the very end may be half of \r\n, so wait.
      const pattern = /\r\n|\n|\r(?!$)/g;
      let start = 0;
      for (let m = pattern.exec(buffer); m; m = pattern.exec(buffer)) {
        line(buffer.slice(start, m.index));
        start = m.index + m[0].length;
      }
      buffer = buffer.slice(start);
    },
    end() {
      // An unterminated last event is dropped, as the specification says.
      buffer = '';
      event = '';
      data = [];
      sawData = false;
    },
  };
}
