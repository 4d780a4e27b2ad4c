/**
 * One kind of the flow's async work, "last call wins" (the idea of lit's `@lit/task`): a run supersedes the one
 * under way, which is aborted and whose result is ignored. `run` resolves with `{ value }`, or `undefined` when a
 * later run or `abort()` superseded it; a superseded run's failure is dropped too.
 *
 * @example
 * const lookup = new Task();
 * const got = await lookup.run((signal) => services.lookupCard(id, signal));
 * if (got) show(got.value); // else a newer look-up (or a reset) took over
 */
export class Task {
  private current: AbortController | undefined;

  /** A run is under way. */
  get running(): boolean {
    return this.current !== undefined;
  }

  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<{ readonly value: T } | undefined> {
    this.current?.abort();
    const abort = new AbortController();
    this.current = abort;
    try {
      const value = await work(abort.signal);
      return abort.signal.aborted ? undefined : { value };
    } catch (e) {
      if (abort.signal.aborted) return undefined;
      throw e;
    } finally {
      if (this.current === abort) this.current = undefined;
    }
  }

  /** Supersedes the run under way, if any: its result will be ignored. */
  abort(): void {
    this.current?.abort();
    this.current = undefined;
  }
}
