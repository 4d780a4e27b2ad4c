import { expect } from '@esm-bundle/chai';
import { createRegister } from '@kaiku-scanner/core/outbox';
import { promisifyRequest } from 'idb-keyval';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';
import { USAGE } from '../../../test/support/usage-fixture.js';

// registry="none" with the real register in this browser's IndexedDB (issue 61, items 3–4): a usage is marked
// exported only once its file was written and handed to the browser, can be downloaded again by that file's name,
// and a record changed in storage is never in a file: staff see it as needing attention.

before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
});

/** The files the element hands to the browser (the downloads are not followed): name and content. */
const files: { name: string; blob: Blob }[] = [];
const blobs = new Map<string, Blob>();
const real = {
  createObjectURL: URL.createObjectURL.bind(URL),
  CompressionStream: globalThis.CompressionStream,
};
URL.createObjectURL = (blob: Blob | MediaSource) => {
  const url = real.createObjectURL(blob);
  blobs.set(url, blob as Blob);
  return url;
};
const click = HTMLAnchorElement.prototype.click;
function download(this: HTMLAnchorElement): void {
  files.push({ name: this.download, blob: blobs.get(this.href)! });
}
beforeEach(() => {
  files.length = 0;
  HTMLAnchorElement.prototype.click = download;
});
afterEach(() => {
  HTMLAnchorElement.prototype.click = click;
  globalThis.CompressionStream = real.CompressionStream;
  document.body.innerHTML = '';
});

const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
let venues = 0;
const newVenue = () => `export-venue-${Date.now()}-${venues++}`;
const $ = (el: KaikuScanner, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);

async function mount(venue: string): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera no-sound registry="none" venue-id="${venue}"
    terminal-name="Kassa 1" show-id="s1" show-name="Uni" show-start="${tomorrow}"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  document.body.append(host);
  await until(() => $(el, '[part="register"]') !== null, { step: () => el.updateComplete });
  return el;
}

/** The usages of `venue`'s register as the core reads them: card, and the file each went into (or `marked`). */
const kept = async (venue: string) =>
  (await createRegister({ venueId: venue, terminal: 'Kassa 1' }).usages()).map((r) => [
    r.usage.cardId,
    r.exportedTo ?? (r.exportedAt ? 'marked' : null),
  ]);

const record = (venue: string, cardId: string) =>
  createRegister({ venueId: venue, terminal: 'Kassa 1' }).record({
    ...USAGE,
    venueId: venue,
    cardId,
    show: { ...USAGE.show, id: 's1', start: tomorrow },
  });

describe('registry="none": a file before a mark (issue 61.3)', () => {
  it('marks nothing when the file writer fails or the browser refuses the file; downloads a file again by its name', async () => {
    const venue = newVenue();
    await record(venue, 'A045198723');
    const el = await mount(venue);
    await until(() => $(el, '[part="register"]')?.dataset.open === '1', { step: () => el.updateComplete });

    // The writer fails (as its chunk does offline): before, the usage was marked exported with no file anywhere.
    globalThis.CompressionStream = class extends TransformStream {
      constructor() {
        super({ transform: (_chunk, c) => c.error(new TypeError('the file writer failed')) });
      }
    } as typeof CompressionStream;
    const outcome = () =>
      el.exportForKaikukanta('xlsx').then(
        () => 'downloaded',
        () => 'failed',
      );
    expect(await outcome()).to.equal('failed');
    globalThis.CompressionStream = real.CompressionStream;
    // The browser refuses the file.
    HTMLAnchorElement.prototype.click = () => {
      throw new DOMException('Download refused', 'SecurityError');
    };
    expect(await outcome()).to.equal('failed');
    expect(await kept(venue)).to.deep.equal([['A045198723', null]]);
    expect(files).to.deep.equal([]);

    HTMLAnchorElement.prototype.click = download;
    // The buttons are back once the failed export's render is in (a busy Firefox paints it later).
    await until(() => $(el, '[data-export="csv"]') !== null, { step: () => el.updateComplete });
    $(el, '[data-export="csv"]')!.click();
    await until(() => files.length === 1, { step: () => el.updateComplete });
    const [first] = files;
    expect(first!.name).to.match(/^kaikukortti-.*-kassa-1-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/);
    expect(await kept(venue)).to.deep.equal([['A045198723', first!.name]]);
    // The list ends as the register is: its states are read in order, so an older read cannot land last (before:
    // one read while the refused file was marked landed after the CSV's, offering that file, which held nothing).
    const listed = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-again]')];
    await until(() => listed().length === 1 && listed()[0]!.dataset.again === first!.name, {
      step: () => el.updateComplete,
    });
    expect(listed()[0]!.textContent).to.contain(first!.name);
    listed()[0]!.click();
    await until(() => files.length === 2, { step: () => el.updateComplete });
    expect(files[1]!.name).to.equal(first!.name);
    expect(await files[1]!.blob.text()).to.equal(await first!.blob.text());
    expect(await first!.blob.text()).to.contain('A045198723');
  });
});

describe('registry="none": the seal (issue 61.4)', () => {
  it('a record changed in storage is never in a file: staff see it with its reason and can take it out', async () => {
    const venue = newVenue();
    await record(venue, 'A045198723');
    const changed = await record(venue, 'A999005458');
    const db = await promisifyRequest(indexedDB.open(`kaiku-register ${venue} Kassa 1`));
    const os = db.transaction('outbox', 'readwrite').objectStore('outbox');
    const stored = (await promisifyRequest(os.get(`u:${changed.id}`))) as typeof changed;
    os.put({ ...stored, usage: { ...stored.usage, cardId: 'A999991234' } }, `u:${changed.id}`);
    await promisifyRequest(os.transaction);
    db.close();

    const el = await mount(venue);
    await until(() => $(el, '[part="needs-attention"] li') !== null, { step: () => el.updateComplete });
    const item = $(el, '[part="needs-attention"] li')!;
    expect(item.dataset.code).to.equal('record-tampered'); // before: no list, and the record in the file
    expect(item.textContent).to.contain('A999991234');
    expect($(el, '[part="register"]')!.dataset.open).to.equal('1');
    // Nor in the shift as recorded (before: listed and counted like the honest one).
    const listed = [...el.shadowRoot!.querySelectorAll('.shift-list li')].map((li) => li.textContent);
    expect([listed.length, String(listed).includes('A999991234')]).to.deep.equal([1, false]);
    await el.exportForKaikukanta('csv');
    const csv = await files[0]!.blob.text();
    expect([csv.includes('A045198723'), csv.includes('A999991234')]).to.deep.equal([true, false]);
    item.querySelector('button')!.click(); // staff dealt with it
    await until(() => $(el, '[part="needs-attention"]') === null, { step: () => el.updateComplete });
    expect(await kept(venue)).to.deep.equal([['A045198723', files[0]!.name]]);
  });
});
