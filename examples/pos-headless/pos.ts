// A point-of-sale that uses only the headless core with a keyboard-wedge scanner: no element, no lit. It applies the
// operating model's rules itself, as <kaiku-scanner> does: `decideUsage` with the card's facts, the show's settings
// and the tickets given so far decides before anything is queued, so an expired card gets no "Add" button and five
// children on a two-minor card are refused at the counter, not later by Kaikukanta.
import '../box-office/page-setup.js';
import {
  createApiClient,
  decideUsage,
  localize,
  parseCardId,
  toApiShow,
  toUsageEvent,
} from '@kaiku-scanner/core';
import { createWedgeListener } from '@kaiku-scanner/core/wedge';
import { createOutbox, type CardFacts, type Outbox } from '@kaiku-scanner/core/outbox';
import type { UsageDecision } from '@kaiku-scanner/core';
import type { CardStatus } from '@kaiku-scanner/core/contract';
import { SEED_VENUE, helsinkiDay, seedShows } from '@kaiku-scanner/sandbox/seed';

const $ = <T extends HTMLElement>(sel: string): T => document.querySelector<T>(sel) as T;

/** Today in Helsinki (YYYY-MM-DD): the seeded shows are dated from it, as the sandbox dates them. */
const helsinkiToday = (): string => helsinkiDay(new Date());

/** The show this POS sells for: one of the sandbox's seeded shows (`?show=` picks another). */
function chosenShow() {
  const id = new URLSearchParams(location.search).get('show') ?? 'hilla-taikuri-matti';
  const shows = seedShows(helsinkiToday());
  return shows.find((s) => s.id === id) ?? shows[0]!;
}

/** The card on the counter: its facts (or none, when accepted offline on its format alone). */
type CardOnCounter = { readonly id: string; readonly facts: CardFacts | undefined };

async function main(): Promise<void> {
  const { baseUrl } = (await (await fetch('/config.json')).json()) as { baseUrl: string };
  const client = createApiClient({ baseUrl, getToken: () => 'demo-token' });
  const outbox: Outbox = createOutbox({ client, databaseName: 'pos-demo-outbox' });
  const show = chosenShow();
  $('#show').textContent = `${show.name} (${new Date(show.start).toLocaleString('en-GB')})`;
  let card: CardOnCounter | undefined;

  /** The rules, with what this terminal knows: the card's facts, the show's settings, the tickets given so far. */
  const decide = async (children: number): Promise<UsageDecision | undefined> => {
    if (!card) return undefined;
    const tally = await outbox.showTally(show.id, { refresh: true }).catch(() => undefined);
    // A card accepted offline on its format alone: its status and minors are unknown, so no child tickets.
    const facts = card.facts ?? {
      id: card.id,
      status: 'active',
      validUntil: show.start.slice(0, 10),
      minors: 0,
    };
    return decideUsage({
      card: {
        id: card.id,
        status: facts.status as CardStatus,
        validUntil: facts.validUntil,
        minors: facts.minors,
      },
      event: toUsageEvent(show, { ticketsGiven: tally?.ticketsGiven ?? 0 }),
      request: { mode: 'booking', childTickets: children },
      now: new Date(),
    });
  };

  const children = (): number => Number($<HTMLInputElement>('#children').value) || 0;
  const showDecision = (decision: UsageDecision | undefined): void => {
    const add = $<HTMLButtonElement>('#add');
    add.disabled = !decision?.ok;
    $('#decision').textContent = !decision
      ? ''
      : decision.ok
        ? `Allowed: ${decision.tickets.total} ticket(s).`
        : decision.reasons.map((r) => r.message.en).join(' ');
    $('#decision').dataset.codes =
      decision && !decision.ok ? decision.reasons.map((r) => r.code).join(' ') : '';
  };

  const renderOutbox = (): void => {
    const { pending, needsAttention } = outbox.counts;
    $('#outbox').textContent = `Waiting to be sent: ${pending}; needs attention: ${needsAttention}`;
  };
  outbox.addEventListener('outbox-change', renderOutbox);
  renderOutbox();

  createWedgeListener({
    target: document,
    onScan: async (scan) => {
      card = undefined;
      showDecision(undefined);
      $('#card').textContent = `Looking up ${scan.id}…`;
      try {
        const check = await outbox.checkCard(scan.id);
        if (!check.ok) {
          $('#card').textContent = localize({ code: check.code }, 'en');
          return;
        }
        card = { id: scan.id, facts: check.card };
        $('#card').textContent = check.card
          ? `${scan.id}: ${check.card.status}, valid until ${check.card.validUntil}, ${check.card.minors} minors`
          : `${scan.id}: accepted provisionally (offline)`;
        showDecision(await decide(children()));
      } catch {
        $('#card').textContent = `${scan.id} cannot be used: not registered in Kaikukanta.`;
      }
    },
    onError: (error) => {
      $('#card').textContent = error.message.en;
    },
  });

  $('#children').addEventListener('input', () => void decide(children()).then(showDecision));

  $('#add').addEventListener('click', async () => {
    const on = card;
    if (!on || !parseCardId(on.id).ok) return;
    // Decided again at the moment of sale: the children asked for now, the tally as it is now.
    const decision = await decide(children());
    showDecision(decision);
    if (!decision?.ok) return;
    await outbox.enqueue(
      {
        venueId: SEED_VENUE.id,
        show: toApiShow(show),
        cardId: on.id,
        childTickets: children(),
        channel: 'box-office',
        mode: 'booking',
        clientTime: new Date().toISOString(),
      },
      { acceptance: on.facts ? 'online' : 'provisional' },
    );
    $('#card').textContent = 'Saved: the usage is on disk and is being sent.';
    card = undefined;
    $<HTMLButtonElement>('#add').disabled = true;
  });
}

void main();
