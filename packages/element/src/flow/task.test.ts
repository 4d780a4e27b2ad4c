// The flow's one concurrency helper: the last run wins, a superseded run's value and failure are ignored.
import { describe, expect, it } from 'vitest';
import { Task } from './task.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Task', () => {
  it('a second run supersedes the first: its signal aborts and its value is ignored', async () => {
    const task = new Task();
    const first = deferred<string>();
    const second = deferred<string>();
    let firstSignal!: AbortSignal;
    const a = task.run((signal) => ((firstSignal = signal), first.promise));
    expect(task.running).toBe(true);
    const b = task.run(() => second.promise);
    expect(firstSignal.aborted).toBe(true);
    second.resolve('new');
    first.resolve('old');
    expect(await a).toBeUndefined();
    expect(await b).toEqual({ value: 'new' });
    expect(task.running).toBe(false);
  });

  it('abort() drops the run under way, including its failure; a failure of the current run is thrown', async () => {
    const task = new Task();
    const run = deferred<number>();
    const dropped = task.run(() => run.promise);
    task.abort();
    expect(task.running).toBe(false);
    run.reject(new Error('late'));
    expect(await dropped).toBeUndefined();
    await expect(task.run(() => Promise.reject(new Error('now')))).rejects.toThrow('now');
    expect(await task.run(async () => undefined)).toEqual({ value: undefined });
  });
});
