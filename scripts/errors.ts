/**
 * A problem the user can fix: printed as one clear message (no stack trace) and a non-zero exit.
 * Everything else that is thrown is a bug in this tool, and is printed with its stack.
 */
export interface Where {
  /** Path of the file, relative to the data folder when it is inside it. */
  file?: string;
  /** 1-based physical line in the file. */
  line?: number;
  column?: string;
}

export class UserError extends Error {
  readonly where: Where;
  /** What to do about it, in one or two sentences. */
  readonly fix: string | undefined;

  constructor(message: string, where: Where = {}, fix?: string) {
    super(message);
    this.name = 'UserError';
    this.where = where;
    this.fix = fix;
  }

  /** `file.csv, line 3, column "applied_at": message\n  fix` */
  format(): string {
    const place = [
      this.where.file,
      this.where.line !== undefined ? `line ${this.where.line}` : undefined,
      this.where.column !== undefined ? `column "${this.where.column}"` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    const head = place ? `${place}: ${this.message}` : this.message;
    return this.fix ? `${head}\n  How to fix: ${this.fix}` : head;
  }
}

/**
 * A failure already explained to the user by someone else (the data step run in a child process): the command
 * exits with `exitCode` and prints nothing more.
 */
export class AlreadyReported extends Error {
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'AlreadyReported';
    this.exitCode = exitCode;
  }
}
