// One kind of the flow's async work, last call wins (lit's `@lit/task`): superseded runs resolve `undefined`.
export class Task {
  private current: AbortController | undefined;

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
