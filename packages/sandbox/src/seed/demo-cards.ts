import bwipjs from 'bwip-js/node';
import { seedCards, UNREGISTERED_CARD_ID, type SeedCard } from './seed-data.js';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The card ID as a barcode holding the ID only: QR (front), Code 39 without a check character (back). */
const svg = (bcid: 'qrcode' | 'code39', text: string): string =>
  bwipjs.toSVG(
    bcid === 'qrcode'
      ? { bcid, text, scale: 3, paddingwidth: 4, paddingheight: 4 }
      : { bcid, text, scale: 2, height: 12, includetext: false, paddingwidth: 10 },
  );

function cardHtml(card: SeedCard | { id: string; label: string; status?: string }): string {
  const id = escapeHtml(card.id);
  return `<section class="pair">
  <article class="card front"><header>Kaikukortti · DEMO</header><div class="qr">${svg('qrcode', card.id)}</div>
    <p class="id">${id}</p><p class="label">${escapeHtml(card.label)}</p></article>
  <article class="card back"><div class="bar">${svg('code39', card.id)}</div><p class="id">${id}</p>
    <p class="note">Sandbox demo card · not valid at any venue</p></article>
</section>`;
}

/** A printable HTML page with every seeded card (front: QR, back: Code 39), for trying the scanner by hand. */
export function demoCardsPage(today: string): string {
  const cards = [...seedCards(today), { id: UNREGISTERED_CARD_ID, label: 'Not registered (404)' }];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kaikukortti sandbox demo cards</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #111; }
  h1 { font-size: 20px; } .hint { max-width: 60em; }
  .pair { display: flex; gap: 8mm; margin: 0 0 8mm; break-inside: avoid; page-break-inside: avoid; flex-wrap: wrap; }
  .card { width: 85.6mm; height: 54mm; border: 1px solid #999; border-radius: 3mm; padding: 3mm; box-sizing: border-box;
    display: flex; flex-direction: column; align-items: center; justify-content: center; background: #fff; }
  .card header { font-weight: 700; letter-spacing: .05em; font-size: 11px; color: #7a1f5c; }
  .qr svg { height: 26mm; width: 26mm; } .bar svg { width: 72mm; height: 20mm; }
  .id { font: 700 15px ui-monospace, monospace; margin: 1mm 0 0; letter-spacing: .08em; }
  .label, .note { margin: 0; font-size: 10px; color: #444; text-align: center; }
  @media print { .hint, h1 { display: none; } body { margin: 0; } }
</style></head><body>
<h1>Kaikukortti sandbox demo cards</h1>
<p class="hint">Print this page (cards are 85.6 × 54 mm) or show it on a second screen, and scan the QR code (front)
or the Code 39 barcode (back) with the scanner. Each code holds the card ID only. Validity dates are relative
to the sandbox's clock (${escapeHtml(today)}).</p>
${cards.map(cardHtml).join('\n')}
</body></html>`;
}
