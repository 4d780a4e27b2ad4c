import type { Connection } from './types.js';

/** How often Kaikukanta is asked again while it does not answer. */
const PROBE_MS = 15_000;

/** What Kaikukanta last answered and the sign-in code it refused; unanswered, `probe` asks every 15 s. */
export class KaikukantaConnection {
  state: Connection = 'unknown';
  authFailure: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly probe: () => void,
    private readonly changed: () => void,
  ) {}

  /** What a request just heard (`code`: the sign-in failure's). */
  readonly heard = (next: Connection, code?: string): void => {
    if (next === 'unknown' && this.state !== 'unreachable') return; // the health check says nothing of the sign-in
    const failure = next === 'signed-out' ? code : undefined;
    if (next === this.state && failure === this.authFailure) return;
    this.state = next;
    this.authFailure = failure;
    clearTimeout(this.#timer);
    if (next === 'unreachable') this.#timer = setTimeout(this.probe, PROBE_MS);
    this.changed();
  };

  /** The part of the outbox state it tells. */
  get said(): { connection: Connection; authFailure?: string } {
    return { connection: this.state, ...(this.authFailure ? { authFailure: this.authFailure } : {}) };
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
