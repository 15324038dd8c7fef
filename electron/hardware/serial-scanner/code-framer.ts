/** Longest code kept: a card token is at most 4096 characters (DESIGN §4); a runaway stream is cut. */
export const MAX_CODE_LENGTH = 8192;

/**
 * Cuts a scanner's byte stream into codes: at CR and/or LF ('line'), or after a pause with no
 * bytes ('pause', for scanners set to send no suffix). Empty codes are dropped; a code that
 * grows past MAX_CODE_LENGTH is thrown away whole rather than cut into a wrong one.
 */
export class CodeFramer {
  private buffer = '';
  private overflow = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly framing: 'line' | 'pause', private readonly pauseMs: number, private readonly onCode: (code: string) => void) {}

  /** Feeds bytes as they arrive. */
  push(chunk: Buffer): void {
    const text = chunk.toString('latin1');
    if (this.framing === 'line') {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') this.flush();
        else this.append(ch);
      }
      return;
    }
    this.append(text.replace(/[\r\n]/g, ''));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.pauseMs);
  }

  /** Ends any code in progress (the port closed). */
  reset(): void {
    clearTimeout(this.timer);
    this.buffer = '';
    this.overflow = false;
  }

  private append(text: string): void {
    if (this.overflow) return;
    this.buffer += text;
    if (this.buffer.length > MAX_CODE_LENGTH) {
      this.buffer = '';
      this.overflow = true;
    }
  }

  private flush(): void {
    const code = this.buffer.trim();
    const dropped = this.overflow;
    this.buffer = '';
    this.overflow = false;
    if (!dropped && code.length > 0) this.onCode(code);
  }
}
