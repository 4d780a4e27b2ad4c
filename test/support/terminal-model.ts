// The steps and invariants of the terminal model (element-model.e2e.test.ts): fast-check `AsyncCommand`s that drive
// the demo box office in Chromium, and after each step the checks of issue 45 against the screen and the sandbox.
// The model holds only what the test decides (network, Kaikukanta, show, mode, what the registry told this terminal);
// everything else is read back from the sandbox, so a step that went differently than planned is judged as it went.
import fc from 'fast-check';
import { expect } from 'vitest';
import { toApiShow } from '@kaiku-scanner/core';
import { SEED_VENUE, SEED_PARTNER_VENUE, helsinkiDay, seedShows } from '@kaiku-scanner/sandbox/seed';
import { openBoxOffice, wedgeScan, type Harness, type ScannerPage } from './element-harness.js';
import { until } from './until.js';
import type { BrowserContext } from 'playwright-core';

export const TERMINAL = 'Kassa M';
const OTHER = 'Kassa 9';
const VOID_WINDOW_MS = 16 * 60_000;
/** The element's tally refresh (`TALLY_MS` in flow/sync.ts). */
const TALLY_MS = 20_000;

export const Cards = {
  /** Active client cards. */
  valid: ['A045198723', 'A999005458', 'A999005429', 'X000011986'],
  /** Looked up and refused (inactive, expired). */
  refused: ['A999005380', 'A999005416'],
  /** Not a card ID, or a legacy pilot code. */
  malformed: ['A0451987234', 'E1234'],
} as const;

export type Model = {
  online: boolean;
  up: boolean;
  show: string;
  mode: 'booking' | 'collection';
  /** `show|card` the registry refused at this terminal's confirm as already used (by another terminal). */
  readonly told: Set<string>;
  clockMs: number;
};
export type Real = { readonly h: Harness; s: ScannerPage };
export type Step = fc.AsyncCommand<Model, Real>;

const TEST = { authorization: 'Bearer test-support', 'content-type': 'application/json' };
const API = { authorization: 'Bearer demo-token', 'content-type': 'application/json' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

type ServerUsage = {
  cardId: string;
  show: { id: string };
  state?: string;
  terminal?: string;
  venueId: string;
};

/** Every usage the sandbox holds for `venue` (voided ones included; by show date), read past the proxy. */
export async function serverUsages(h: Harness, venue: string = SEED_VENUE.id): Promise<ServerUsage[]> {
  const day = (d: number) => helsinkiDay(new Date(Date.now() + d * 86_400_000));
  const res = await fetch(`${h.apiUrl}/v1/venues/${venue}/usages?from=${day(-2)}&to=${day(60)}&limit=1000`, {
    headers: API,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: ServerUsage[] }).items;
}

async function tally(h: Harness, show: string): Promise<{ cap: number | null; ticketsGiven: number }> {
  const res = await fetch(`${h.apiUrl}/v1/shows/${show}/tally`, { headers: API });
  expect(res.status).toBe(200);
  return (await res.json()) as { cap: number | null; ticketsGiven: number };
}

type Seen = {
  phase: string;
  busy: boolean;
  tickets: boolean;
  confirm: boolean;
  verdict: string | undefined;
  outcome: string | undefined;
  error: string | undefined;
  manualError: boolean;
  cardOnScreen: string | undefined;
  /** The result's outcome (`voided`…), when a result is on screen. */
  result: string | undefined;
  text: string;
  pending: number;
  meter: { given: number; cap: number } | undefined;
  scans: number;
  errors: { code: string; stage: string }[];
  cues: number;
};

/** What the element shows, and what it told the page (events, cues), in one look. */
function look(s: ScannerPage): Promise<Seen> {
  return s.page.evaluate(() => {
    const el = document.querySelector('kaiku-scanner') as unknown as HTMLElement & {
      flow: {
        phase: { name: string; card?: { id: string }; cardId?: string; outcome?: string };
        busy: boolean;
        undo?: { running: boolean };
      };
    };
    const root = el.shadowRoot!;
    const q = (p: string) => root.querySelector<HTMLElement>(`[part~="${p}"]`);
    const verdict = root.querySelector<HTMLElement>('.verdict');
    const meter = root.querySelector('[part~="cap-meter"] [role="meter"]');
    const p = el.flow.phase;
    const log = (window as unknown as { __model: { scans: number; errors: []; cues: number } }).__model;
    return {
      phase: p.name,
      busy: el.flow.busy || el.flow.undo?.running === true,
      tickets: !!q('tickets'),
      confirm: !!q('confirm-button') && !(q('confirm-button') as HTMLButtonElement).disabled,
      verdict: verdict?.dataset['verdict'],
      outcome: verdict?.dataset['outcome'],
      error: q('error')?.dataset['code'],
      manualError: !!root.querySelector('#manual-error'),
      cardOnScreen: p.card?.id ?? p.cardId,
      result: p.outcome,
      text: root.textContent ?? '',
      pending: Number(q('sync-status')?.dataset['pending'] ?? 0),
      meter: meter
        ? {
            given: Number(meter.getAttribute('aria-valuenow')),
            cap: Number(meter.getAttribute('aria-valuemax')),
          }
        : undefined,
      scans: log.scans,
      errors: [...log.errors],
      cues: log.cues,
    };
  });
}

/** Until nothing runs (no look-up, registration or undo under way), at most `ms`. */
async function settle(s: ScannerPage, ms = 20_000): Promise<Seen> {
  await s.page.waitForFunction(
    () => {
      const f = (
        document.querySelector('kaiku-scanner') as unknown as {
          flow: { phase: { name: string }; busy: boolean; undo?: { running: boolean } };
        }
      ).flow;
      return !f.busy && !f.undo?.running && !['looking-up', 'registering'].includes(f.phase.name);
    },
    undefined,
    { timeout: ms, polling: 50 },
  );
  await s.page.evaluate(async () => {
    await (document.querySelector('kaiku-scanner') as unknown as { updateComplete: Promise<unknown> })
      .updateComplete;
    // The cue plays in a 0 ms timer set by the last render: timers run in order, so it has played after this one.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return look(s);
}

async function open(h: Harness, m: Model, beforeLoad?: LoadHook): Promise<ScannerPage> {
  const s = await openBoxOffice(h, {
    lang: 'en',
    path: `/box-office/?show=${m.show}`,
    ...(beforeLoad && { beforeLoad }),
  });
  await prepare(s, m);
  return s;
}

/** The page's log of events and cues, this terminal's name and the model's mode (again after a reload). */
async function prepare(s: ScannerPage, m: Model): Promise<void> {
  await s.page.evaluate(
    ([terminal, mode]) => {
      const w = window as unknown as { __model: { scans: number; errors: unknown[]; cues: number } };
      w.__model = { scans: 0, errors: [], cues: 0 };
      navigator.vibrate = () => (w.__model.cues++, true);
      const el = document.querySelector('kaiku-scanner')!;
      el.addEventListener('kaiku-scan', () => w.__model.scans++);
      el.addEventListener('kaiku-error', (e) => w.__model.errors.push((e as CustomEvent).detail));
      Object.assign(el, { terminalName: terminal, mode });
    },
    [TERMINAL, m.mode] as const,
  );
  await s.page.waitForTimeout(100);
}

/**
 * The invariants after every step: no record UUID on screen; nothing sent for another venue; at most one usage per
 * card and show on the server; and once everything is sent, the shift list equals the server's usages of this
 * terminal (voided ones marked), so nothing shown undone is registered and nothing shown registered is missing.
 */
async function invariants(m: Model, r: Real): Promise<void> {
  let seen = await look(r.s);
  expect(seen.text, 'a record UUID on screen').not.toMatch(UUID);
  expect(await serverUsages(r.h, SEED_PARTNER_VENUE.id), 'sent for another venue').toEqual([]);
  const server = await serverUsages(r.h);
  const active = server.filter((u) => u.state !== 'voided').map((u) => `${u.show.id}|${u.cardId}`);
  expect(new Set(active).size, 'a usage doubled on the server').toBe(active.length);
  if (!m.online || !m.up) return;
  // Sent: wait for the queue to drain (the outbox retries on its own schedule).
  for (let i = 0; i < 60 && seen.pending > 0; i++) {
    await r.s.page.waitForTimeout(250);
    seen = await look(r.s);
  }
  if (seen.pending > 0) return; // still backing off after an outage: judged at a later step
  // A void queued behind its registration is not pending: the run that sent the registration sends it after, and
  // `syncNow()` waits for that run (then finds nothing left). Judged before, the server still held it registered.
  await r.s.page.evaluate(() =>
    (document.querySelector('kaiku-scanner') as unknown as { syncNow(): Promise<void> }).syncNow(),
  );
  const list = await shiftList(r.s);
  const mine = (await serverUsages(r.h)).filter((u) => u.terminal !== OTHER);
  const count = (rows: { state: string }[], voided: boolean) =>
    rows.filter((u) => (u.state === 'voided') === voided).length;
  const shown = list.filter((u) => u.state !== 'refused');
  expect({ registered: count(shown, false), voided: count(shown, true) }, 'shift list vs server').toEqual({
    registered: count(
      mine.map((u) => ({ state: u.state ?? 'registered' })),
      false,
    ),
    voided: count(
      mine.map((u) => ({ state: u.state ?? 'registered' })),
      true,
    ),
  });
}

/** The shift list's rows (the panel is read as rendered, open or not; its code may still be on its way). */
async function shiftList(s: ScannerPage): Promise<{ state: string }[]> {
  await s.page.locator('kaiku-scanner [part~="shift"]').waitFor({ state: 'attached', timeout: 15_000 });
  return s.page
    .locator('kaiku-scanner .shift-list li')
    .evaluateAll((l) => l.map((e) => ({ state: (e as HTMLElement).dataset['state'] ?? '' })));
}

abstract class Base implements Step {
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  abstract act(m: Model, r: Real): Promise<void>;
  async run(m: Model, r: Real): Promise<void> {
    await this.act(m, r);
    await settle(r.s);
    await invariants(m, r);
  }
  abstract toString(): string;
}

/** What a reading of `cardId` must show, given the server now (read before the reading). */
async function expectation(m: Model, r: Real, cardId: string): Promise<'form' | 'refusal' | 'any'> {
  if (!m.online || !m.up || !(Cards.valid as readonly string[]).includes(cardId)) return 'any';
  const key = `${m.show}|${cardId}`;
  const usages = await serverUsages(r.h);
  const used = usages.some((u) => u.state !== 'voided' && `${u.show.id}|${u.cardId}` === key);
  if (m.told.has(key) && used) return 'refusal';
  if (m.mode !== 'booking' || used) return 'any';
  const t = await tally(r.h, m.show);
  if (t.cap !== null && t.ticketsGiven >= t.cap) return 'refusal';
  // Free on the server (never used, or its usage voided): the same terminal must offer it the ticket form.
  return 'form';
}

/** A reading by reader keys (a burst), typed into the field, or from the host (`submitCardId`). */
export class Read extends Base {
  constructor(
    readonly cardId: string,
    readonly how: 'wedge' | 'typed' | 'api',
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    await read(m, r, this.cardId, this.how);
  }
  toString(): string {
    return `Read(${this.cardId}, ${this.how})`;
  }
}

async function read(m: Model, r: Real, cardId: string, how: 'wedge' | 'typed' | 'api'): Promise<void> {
  const s = r.s;
  const want = await expectation(m, r, cardId);
  const before = await settle(s);
  if (how === 'wedge') await wedgeScan(s.cdp, cardId);
  else if (how === 'api')
    await s.page.evaluate((id) => document.querySelector('kaiku-scanner')!.submitCardId(id), cardId);
  else {
    if (before.phase !== 'ready') await s.page.keyboard.press('Escape');
    await s.page.locator('kaiku-scanner #manual').fill(cardId);
    await s.page.locator('kaiku-scanner #manual').press('Enter');
  }
  const after = await settle(s);
  // The reader's repeat of the card on screen (a voided result is read again: the clerk registers it anew).
  const echo = before.cardOnScreen === cardId && how === 'wedge' && before.result !== 'voided';
  // Every reading: an event, and a visible outcome.
  if (!echo)
    expect(after.scans + after.errors.length, `no event for the reading of ${cardId}`).toBeGreaterThan(
      before.scans + before.errors.length,
    );
  const refusal = after.verdict === 'refused' || after.verdict === 'already-used' || after.manualError;
  const visible = after.tickets || !!after.verdict || !!after.error || after.manualError;
  expect(visible || echo, `no visible outcome for ${cardId}: ${after.text.slice(0, 200)}`).toBe(true);
  // Every refusal: the refusal feedback (the vibration is recorded; the sound follows the same cue).
  const newRefusal = after.errors.length > before.errors.length && refusal;
  if (newRefusal) expect(after.cues, `no cue for the refusal of ${cardId}`).toBeGreaterThan(before.cues);
  if (echo) return;
  const said = `${after.phase}/${after.verdict ?? ''}: ${after.text.replace(/\s+/g, ' ').slice(0, 300)}`;
  if (want === 'form') expect(after.tickets, `${cardId} is free but not offered: ${said}`).toBe(true);
  if (want === 'refusal') {
    expect(after.tickets, `${cardId} offered the form again: ${said}`).toBe(false);
    expect(after.verdict, `${cardId} not on the refusal screen`).toMatch(/refused|already-used/);
  }
  // The meter, refreshed with the look-up, never shows more left than the server has.
  if (m.online && m.up && after.meter && after.pending === 0) {
    const t = await tally(r.h, m.show);
    if (t.cap !== null)
      expect(after.meter.given, 'the meter shows more left than the server').toBeGreaterThanOrEqual(
        Math.min(t.ticketsGiven, t.cap),
      );
  }
}

export class SetChildren extends Base {
  constructor(readonly n: number) {
    super();
  }
  async act(_m: Model, r: Real): Promise<void> {
    const field = r.s.page.locator('kaiku-scanner [part~="tickets"] [role="spinbutton"]').first();
    if ((await field.count()) === 0) return;
    await field.focus();
    for (let i = 0; i < 3; i++) await field.press('ArrowDown');
    for (let i = 0; i < this.n; i++) await field.press('ArrowUp');
  }
  toString(): string {
    return `SetChildren(${this.n})`;
  }
}

export class Confirm extends Base {
  async act(m: Model, r: Real): Promise<void> {
    const seen = await look(r.s);
    if (!seen.confirm) return;
    const key = `${m.show}|${seen.cardOnScreen}`;
    await r.s.page.locator('kaiku-scanner [part~="confirm-button"]').click();
    const after = await settle(r.s);
    if (after.verdict === 'already-used') m.told.add(key);
  }
  toString(): string {
    return 'Confirm';
  }
}

/**
 * The clerk confirms and the tab closes while the usage is being sent: the send is held, then (when `landed`) put
 * through to Kaikukanta without its answer reaching the page, and the page is closed; a new tab opens the terminal.
 */
export class ConfirmThenClose extends Base {
  constructor(readonly landed: boolean) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.online && m.up;
  }
  async act(m: Model, r: Real): Promise<void> {
    if (!(await look(r.s)).confirm) return;
    const page = r.s.page;
    const held = new Promise<void>((resolve) => {
      void page.route(
        (url) => url.pathname.endsWith('/v1/usages'),
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          if (this.landed) await route.fetch();
          resolve();
        },
      );
    });
    await page.locator('kaiku-scanner [part~="confirm-button"]').click();
    await Promise.race([held, page.waitForTimeout(5_000)]);
    await page.close({ runBeforeUnload: false });
    r.s = await openBoxOffice(r.h, { context: r.s.context, lang: 'en', path: `/box-office/?show=${m.show}` });
    await prepare(r.s, m);
  }
  toString(): string {
    return `ConfirmThenClose(${this.landed ? 'landed' : 'lost'})`;
  }
}

export class UndoFromResult extends Base {
  async act(_m: Model, r: Real): Promise<void> {
    const undo = r.s.page.locator('kaiku-scanner [part~="undo-button"]');
    if ((await undo.count()) > 0 && (await undo.isEnabled())) await undo.click();
  }
  toString(): string {
    return 'UndoFromResult';
  }
}

export class UndoFromList extends Base {
  async act(_m: Model, r: Real): Promise<void> {
    const summary = r.s.page.locator('kaiku-scanner [part~="shift"] > summary');
    if (
      !(await r.s.page
        .locator('kaiku-scanner [part~="shift"]')
        .evaluate((d) => (d as HTMLDetailsElement).open))
    )
      await summary.click();
    const undo = r.s.page.locator('kaiku-scanner .shift-list [data-undo]:not([disabled])').first();
    if ((await undo.count()) > 0) await undo.click();
  }
  toString(): string {
    return 'UndoFromList';
  }
}

export class SetNetwork extends Base {
  constructor(readonly on: boolean) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    m.online = this.on;
    await r.s.context.setOffline(!this.on);
  }
  toString(): string {
    return `SetNetwork(${this.on ? 'online' : 'offline'})`;
  }
}

/** Kaikukanta stops answering (its address refuses connections) or comes back. */
export class SetKaikukanta extends Base {
  constructor(readonly up: boolean) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    m.up = this.up;
    await (this.up ? r.h.proxy!.online() : r.h.proxy!.offline());
  }
  toString(): string {
    return `SetKaikukanta(${this.up ? 'up' : 'down'})`;
  }
}

export class Reload extends Base {
  // The demo page has no service worker: offline, the browser cannot load it again at all.
  override check(m: Readonly<Model>): boolean {
    return m.online;
  }
  async act(m: Model, r: Real): Promise<void> {
    await r.s.page.reload();
    await r.s.page.waitForFunction(
      () => (document.querySelector('kaiku-scanner') as { baseUrl?: string })?.baseUrl !== '',
    );
    await prepare(r.s, m);
    if (m.show !== 'hilla-taikuri-matti') await pickShow(r, m.show);
  }
  toString(): string {
    return 'Reload';
  }
}

async function pickShow(r: Real, id: string): Promise<void> {
  await r.s.page.locator('kaiku-scanner #show-select').selectOption(id);
}

/** Clicks one of the element's own controls (twice for a setting, which leaves it as it was), then reads a card. */
export class ClickThenRead extends Base {
  constructor(
    readonly control: 'booking' | 'collection' | 'sound' | 'vibration' | 'privacy',
    readonly cardId: string,
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    const page = r.s.page;
    if (this.control === 'booking' || this.control === 'collection') {
      await page.locator(`kaiku-scanner input[name="mode"][value="${this.control}"]`).click();
      m.mode = this.control;
    } else {
      const summary = page.locator('kaiku-scanner [part~="shift"] > summary');
      if (
        !(await page.locator('kaiku-scanner [part~="shift"]').evaluate((d) => (d as HTMLDetailsElement).open))
      )
        await summary.click();
      const box = page.locator(`kaiku-scanner input[data-pref="${this.control}"]`);
      await box.click();
      await box.click();
    }
    await read(m, r, this.cardId, 'wedge');
  }
  toString(): string {
    return `ClickThenRead(${this.control}, ${this.cardId})`;
  }
}

export class SwitchShow extends Base {
  constructor(readonly id: string) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    await pickShow(r, this.id);
    m.show = this.id;
  }
  toString(): string {
    return `SwitchShow(${this.id})`;
  }
}

export class SwitchMode extends Base {
  constructor(readonly mode: 'booking' | 'collection') {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    await r.s.page.evaluate(
      (mode) => Object.assign(document.querySelector('kaiku-scanner')!, { mode }),
      this.mode,
    );
    m.mode = this.mode;
  }
  toString(): string {
    return `SwitchMode(${this.mode})`;
  }
}

/** Another terminal (a headless client of the same venue) registers the card for the show on screen. */
export class OtherTerminal extends Base {
  constructor(readonly cardId: string) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    const show = seedShows(helsinkiDay(new Date())).find((s) => s.id === m.show)!;
    const body = {
      venueId: SEED_VENUE.id,
      show: toApiShow(show),
      cardId: this.cardId,
      childTickets: 0,
      channel: 'box-office',
      mode: 'booking',
      clientTime: new Date().toISOString(),
      terminal: OTHER,
    };
    const res = await fetch(`${r.h.apiUrl}/v1/usages`, {
      method: 'POST',
      headers: { ...API, 'idempotency-key': `other-${crypto.randomUUID()}` },
      body: JSON.stringify(body),
    });
    expect([200, 201, 409, 422]).toContain(res.status);
  }
  toString(): string {
    return `OtherTerminal(${this.cardId})`;
  }
}

/** Nothing happens for a while (longer than the element's tally refresh): the meter must have followed the server. */
export class IdleMeter extends Base {
  async act(m: Model, r: Real): Promise<void> {
    // Within TALLY_MS a refresh has started; its answer lands when a loaded page gets to it (bounded).
    await r.s.page.waitForTimeout(TALLY_MS);
    const follows = async () => (await look(r.s)).meter?.given === (await tally(r.h, m.show)).ticketsGiven;
    await until(follows, { guardMs: 15_000 }).catch(() => undefined); // judged just below, with the figures
    const [seen, t] = [await look(r.s), await tally(r.h, m.show)];
    expect(seen.meter?.given, 'the idle meter shows more left than the server').toBe(t.ticketsGiven);
  }
  toString(): string {
    return 'IdleMeter';
  }
}

export class PassVoidWindow extends Base {
  async act(m: Model, r: Real): Promise<void> {
    m.clockMs += VOID_WINDOW_MS;
    await setClock(r.h, m.clockMs);
  }
  toString(): string {
    return 'PassVoidWindow';
  }
}

const setClock = (h: Harness, offsetMs: number) =>
  fetch(`${h.apiUrl}/__sandbox/clock`, { method: 'POST', headers: TEST, body: JSON.stringify({ offsetMs }) });

type LoadHook = (context: BrowserContext) => Promise<unknown>;

/** One sequence on a fresh sandbox and a fresh browser context (`beforeLoad`: e.g. its routes); resolves with the number of steps run. */
export async function runSequence(h: Harness, cmds: Iterable<Step>, beforeLoad?: LoadHook): Promise<number> {
  const reset = await fetch(`${h.apiUrl}/__sandbox/reset`, { method: 'POST', headers: TEST, body: '{}' });
  expect(reset.ok).toBe(true);
  await h.proxy!.online();
  const model: Model = {
    online: true,
    up: true,
    show: 'hilla-taikuri-matti',
    mode: 'booking',
    told: new Set(),
    clockMs: 0,
  };
  const real: Real = { h, s: await open(h, model, beforeLoad) };
  let steps = 0;
  const counted = [...cmds].map((c) => ({
    check: (m: Readonly<Model>) => c.check(m),
    run: async (m: Model, r: Real) => {
      steps++;
      await c.run(m, r);
    },
    toString: () => c.toString(),
  }));
  try {
    await fc.asyncModelRun(() => ({ model, real }), counted);
    expect(real.s.errors, 'page errors').toEqual([]);
  } finally {
    await real.s.context.close();
    await h.proxy!.online();
    await setClock(h, 0);
  }
  return steps;
}
