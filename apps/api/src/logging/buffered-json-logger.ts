import { ConsoleLogger, type LogLevel } from '@nestjs/common';

type JsonOptions = Parameters<ConsoleLogger['printAsJson']>[1];

/**
 * JSON lines like Nest's ConsoleLogger, but the lines of one event-loop turn leave in one write:
 * stdout to a pipe is synchronous on Linux, so a write per request line costs a system call per
 * request. Errors and the last lines at exit are written at once.
 */
export class BufferedJsonLogger extends ConsoleLogger {
  private lines: string[] = [];
  private scheduled = false;

  constructor(context: string, logLevels: LogLevel[]) {
    super(context, { json: true, logLevels });
    process.on('exit', () => this.flush());
  }

  protected override printAsJson(message: unknown, options: JsonOptions): void {
    const line = `${this.stringifyJsonLogObject(this.getJsonLogObject(message, options))}\n`;
    if (options.writeStreamType === 'stderr') {
      this.flush();
      process.stderr.write(line);
      return;
    }
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.lines.length === 0) return;
    const text = this.lines.join('');
    this.lines = [];
    process.stdout.write(text);
  }
}
