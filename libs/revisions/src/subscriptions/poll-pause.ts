/**
 * The sleep between rounds of a polling loop: cut short when there may be work (`wake`) or when the
 * loop stops. A wake that comes while nobody sleeps makes the next pause return at once.
 */
export class PollPause {
  private stopped = false;
  private woken = false;
  private wakeUp?: () => void;

  get isStopped(): boolean {
    return this.stopped;
  }

  /** There may be work: end the current pause (or skip the next one). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** The loop ends: the current pause ends now and later ones return at once. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** Sleeps `ms`, or less when stopped or, unless `wakeable` is false (waiting out a retry delay), woken. */
  sleep(ms: number, wakeable = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (wakeable && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = wakeable ? () => ((this.woken = false), done()) : () => this.stopped && done();
    });
  }
}
