// A point-of-sale that uses only the headless core with a keyboard-wedge scanner: no element, no lit.
import '../box-office/page-setup.js';
import { createApiClient, createOutbox, createWedgeListener, formatMessage } from '@kaiku-scanner/core';
import type { CardRecord } from '@kaiku-scanner/core';

const $ = <T extends HTMLElement>(sel: string): T => document.querySelector<T>(sel) as T;

async function main(): Promise<void> {
  const { baseUrl } = (await (await fetch('/config.json')).json()) as { baseUrl: string };
  const client = createApiClient({ baseUrl, getToken: () => 'demo-token' });
  const outbox = createOutbox({ client, databaseName: 'pos-demo-outbox' });
  const show = {
    id: 'pos-demo',
    name: 'POS demo show',
    start: new Date(Date.now() + 3_600_000).toISOString(),
    kind: 'show' as const,
  };
  let card: CardRecord | undefined;

  const renderOutbox = (): void => {
    const { pending, needsAttention } = outbox.counts;
    $('#outbox').textContent = `Waiting to be sent: ${pending}; needs attention: ${needsAttention}`;
  };
  outbox.addEventListener('kaiku-outbox-change', renderOutbox);
  renderOutbox();

  createWedgeListener({
    target: document,
    onScan: async (scan) => {
      $('#card').textContent = `Looking up ${scan.id}…`;
      try {
        const check = await outbox.checkCard(scan.id);
        if (!check.ok) {
          $('#card').textContent = formatMessage(check.code as never, {} as never, 'en');
          return;
        }
        card = check.card && 'kind' in check.card ? (check.card as CardRecord) : undefined;
        $('#card').textContent = card
          ? `${card.id}: ${card.status}, valid until ${card.validUntil}, ${card.minors} minors`
          : `${scan.id}: accepted provisionally (offline)`;
        $<HTMLButtonElement>('#add').disabled = false;
        $<HTMLInputElement>('#children').max = String(card?.minors ?? 0);
      } catch {
        $('#card').textContent = `${scan.id} cannot be used: not registered in Kaikukanta.`;
      }
    },
    onError: (error) => {
      $('#card').textContent = error.message.en;
    },
  });

  $('#add').addEventListener('click', async () => {
    const cardId = card?.id ?? $('#card').textContent?.split(':')[0] ?? '';
    await outbox.enqueue({
      venueId: 'teatteri-hilla',
      show,
      cardId,
      childTickets: Number($<HTMLInputElement>('#children').value) || 0,
      channel: 'box-office',
      mode: 'booking',
      clientTime: new Date().toISOString(),
    });
    $('#card').textContent = 'Saved: the usage is on disk and is being sent.';
    $<HTMLButtonElement>('#add').disabled = true;
  });
}

void main();
