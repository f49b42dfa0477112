/**
 * The data step's voice. Injected (not imported as a global) so that tests run silent and can read what
 * was said. Progress lines overwrite themselves on a terminal and are throttled to plain lines elsewhere
 * (CI logs stay short).
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** A transient progress line; `done` ends it. */
  progress(message: string, done?: boolean): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, progress() {} };

/** A logger that keeps every line, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    progress: (m, done) => {
      if (done) lines.push(m);
    },
  };
}

export function consoleLogger(stream: NodeJS.WriteStream = process.stderr): Logger {
  const tty = Boolean(stream.isTTY);
  let lastPlain = 0;
  let open = false;
  return {
    info(message) {
      if (open) stream.write('\n');
      open = false;
      stream.write(`${message}\n`);
    },
    warn(message) {
      if (open) stream.write('\n');
      open = false;
      stream.write(`warning: ${message}\n`);
    },
    progress(message, done = false) {
      if (tty) {
        stream.write(`\r\x1b[K${message}${done ? '\n' : ''}`);
        open = !done;
        return;
      }
      // Not a terminal: one line at most every 5 s, and the final one.
      const now = performance.now();
      if (done || now - lastPlain > 5000) {
        stream.write(`${message}\n`);
        lastPlain = now;
      }
    },
  };
}
