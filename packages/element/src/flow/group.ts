import type { CardView, Reason } from '../services/types.js';
import { EMPTY_REQUEST } from './phase.js';
import type { Screen } from './screen.js';
import { Task } from './task.js';
import { elementText, textOf } from '../messages/index.js';

/** A community card's group: each member's card read, looked up at once, and added only if it may join. */
export class Group {
  private readonly member = new Task();
  /** Members looked up without Kaikukanta (offline): Kaikukanta checks them when the usage is sent. */
  readonly unverified = new Set<string>();

  constructor(private readonly s: Screen) {}

  /** A member's card read into the group on screen; resolves when its look-up has ended. */
  async add(cardId: string): Promise<void> {
    const s = this.s;
    const phase = s.phase;
    if (phase.name !== 'card') return;
    const { card, request } = phase;
    if (cardId === card.id || request.groupCardIds.includes(cardId)) {
      const duplicate: Reason = { code: 'group-duplicate', message: elementText('group-duplicate') };
      s.set(() => {
        s.groupError = duplicate;
        s.alert = (v) => v.text(duplicate.message);
      });
      return;
    }
    s.set(() => (s.polite = (v) => v.t.lookingUp(cardId)));
    const got = await this.member.run((signal) => s.lookUp(cardId, signal));
    const now = s.phase;
    if (!got || now.name !== 'card' || now.card.id !== card.id) return; // the clerk has moved on
    const outcome = got.value;
    const refusal = outcome.ok
      ? this.refusal(outcome.card, now.request.groupCardIds.length + 1)
      : outcome.error;
    if (refusal) {
      // Which member, and why: the card ID leads the reason in every language.
      const m = refusal.message;
      const message = { fi: `${cardId}: ${m.fi}`, sv: `${cardId}: ${m.sv}`, en: `${cardId}: ${m.en}` };
      s.set(() => {
        s.groupError = { code: refusal.code, message };
        s.alert = (v) => v.text(message);
      });
      s.emitError({ code: refusal.code, stage: 'lookup', cardId });
      return;
    }
    if (outcome.ok && outcome.card.fromCache) this.unverified.add(cardId);
    else this.unverified.delete(cardId);
    const groupCardIds = [...now.request.groupCardIds, cardId];
    s.set(() => {
      s.groupError = undefined;
      s.phase = { ...now, request: { ...now.request, groupCardIds } };
      s.polite = (v) => `${v.t.groupHeading}: ${cardId}`;
    });
  }

  /** Drops the member look-up under way (the clerk left the card). */
  abort(): void {
    this.member.abort();
  }

  /** Why a looked-up member's card cannot join (a community card, its own status or validity), if it cannot. */
  private refusal(member: CardView, position: number): Reason | undefined {
    if (member.kind === 'community') {
      const code = 'group-member-community-card';
      return { code, message: textOf(code, { position }) ?? elementText('unexpected') };
    }
    const show = this.s.host.show();
    const d = show ? this.s.decide(member, show, EMPTY_REQUEST) : undefined;
    return d && !d.ok ? d.reasons.find((r) => r.code.startsWith('card-')) : undefined;
  }
}
