import { Clock } from '#revisions/clock.js';

/** A clock tests move by hand: each reading advances 1 ms so versions keep distinct times. */
export class TestClock extends Clock {
  constructor(private current = new Date('2026-01-01T00:00:00.000Z')) {
    super();
  }

  now(): Date {
    this.current = new Date(this.current.getTime() + 1);
    return new Date(this.current);
  }

  set(date: Date | string): void {
    this.current = new Date(date);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
