/**
 * Runs async jobs one at a time, in call order. Taking the lock is synchronous (the job is
 * chained onto the previous one before `run` returns), so two triggers in the same tick
 * cannot both start a job: there is no check-then-set across an `await`.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every job queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
