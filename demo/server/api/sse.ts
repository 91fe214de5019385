/**
 * Server-sent events, both ways: framing what the API sends (`event: <name>`, `data: <json>`, blank line)
 * and decoding what an OpenAI-compatible upstream streams back (`data:` lines, events split by blank lines).
 */
import type { ServerResponse } from "node:http";

/**
 * Frames one event. JSON never contains a raw newline, so one `data:` line always suffices.
 *
 * @example
 * sseFrame("delta", { text: "Xin chào" }); // 'event: delta\ndata: {"text":"Xin chào"}\n\n'
 */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Sends the headers of an event stream: never cached, never buffered by a proxy, never compressed. */
export function openEventStream(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Accel-Buffering", "no");
  res.flushHeaders();
}

/**
 * Incremental decoder of an event stream: feed it text as it arrives, get back the `data` of every event
 * completed so far (several `data:` lines of one event joined with `\n`; comments and other fields dropped).
 */
export class SseDecoder {
  private buffer = "";
  private data: string[] = [];

  /**
   * @param chunk - The next piece of the stream (already decoded from UTF-8).
   * @returns The data of each event that ended within this chunk.
   */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const done: string[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      // A lone trailing "\r" may be the first half of "\r\n": wait for the next chunk.
      if (width === 1 && this.buffer[newline] === "\r" && newline === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(newline + width);
      if (line === "") {
        if (this.data.length > 0) done.push(this.data.join("\n"));
        this.data = [];
      } else if (line.startsWith("data:")) {
        this.data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
      }
    }
    return done;
  }

  /** Data of an event the stream ended without a blank line after, if any. */
  flush(): string[] {
    const rest = this.push("\n\n");
    this.buffer = "";
    return rest;
  }
}
