// The steps and invariants of the terminal model (element-model.e2e.test.ts): fast-check `AsyncCommand`s that drive
// the demo box office in Chromium, and after each step the checks of issues 45 and 60 against the screen, the
// sandbox and the terminal's register. The model keeps every usage the clerk confirmed (card, show, tickets, the
// handle the result carried, undone or not) and compares it one by one with the server's usage list, the register
// and the shift list: a step that went differently than planned is judged as it went, and `coverage` counts, per
// action kind, how often it ran and how often it took effect.
import fc from 'fast-check';
import { expect } from 'vitest';
import { SEED_VENUE, SEED_PARTNER_VENUE, helsinkiDay } from '@kaiku-scanner/sandbox/seed';
import {
  openBoxOffice,
  importAgentSale,
  registerElsewhere,
  wedgeScan,
  type Harness,
  type ScannerPage,
} from './element-harness.js';
import { until } from './until.js';
import { createApiClient } from '../../packages/core/src/api/create-api-client.js';
import { importSalesReport } from '../../packages/core/src/reports/import-sales-report.js';
import type { BrowserContext } from 'playwright-core';

export const TERMINAL = 'Kassa M';
const OTHER = 'Kassa 9';
/** The ticket agent whose sales the door collects (any venue ID: the test sandbox binds no token to a venue). */
export const AGENT = 'lippupiste';
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
  /** Active community cards (a group's holder). */
  community: ['Y110029399', 'Z000010669'],
} as const;

/** A usage the clerk confirmed and the screen's result acknowledged (registered, recorded or queued). */
export type Confirmed = {
  readonly card: string;
  readonly show: string;
  readonly mode: 'booking' | 'collection';
  readonly registry: 'api' | 'none';
  readonly children: number;
  readonly members: readonly string[];
  readonly under16: number;
  /** The IDs it goes by: the result's usage or record ID, and once matched the server's usage ID and key. */
  readonly handles: Set<string>;
  /** The server's clock offset when it was confirmed (its void window runs from there). */
  readonly atClock: number;
  undone: boolean;
  /** Written to a file for Kaikukanta's import (register): it can no longer be undone here. */
  exported: boolean;
  /** Its register file imported into Kaikukanta (`HandOver`): from then on, on the server once. */
  handedOver?: boolean;
  /** In this page's shift list: `maybe` for a usage confirmed as the tab closed. */
  shift: boolean | 'maybe';
};

export type Model = {
  online: boolean;
  up: boolean;
  show: string;
  mode: 'booking' | 'collection';
  /** `api`: the demo with Kaikukanta (the sandbox); `none`: `registry="none"`, usages kept in the register. */
  readonly registry: 'api' | 'none';
  /** `show|card` the registry refused at this terminal's confirm as already used (by another terminal). */
  readonly told: Set<string>;
  clockMs: number;
  /** Every usage the clerk confirmed, in order. */
  readonly usages: Confirmed[];
  /** The register's files for Kaikukanta (`ExportRegister`), with the usages each holds. */
  readonly exports: { readonly csv: string; readonly usages: readonly Confirmed[] }[];
  /** A test holds the shift panel's code back: its list is compared when it is there, and always at the end. */
  shiftLate?: boolean;
};
export type Real = { readonly h: Harness; s: ScannerPage };
export type Step = fc.AsyncCommand<Model, Real>;

/** Per action kind: how many times it ran, and how many times it took effect (over a run, and per sequence). */
export class Coverage {
  readonly ran = new Map<string, number>();
  readonly took = new Map<string, number>();
  /** Per kind, in how many sequences it took effect at least once. */
  readonly sequences = new Map<string, number>();
  count = 0;
  private current = new Set<string>();

  /** Per kind, the milliseconds its steps took (the action, and the invariants after it). */
  readonly ms = new Map<string, number>();

  note(kind: string, took: boolean, ms = 0): void {
    this.ran.set(kind, (this.ran.get(kind) ?? 0) + 1);
    this.ms.set(kind, (this.ms.get(kind) ?? 0) + ms);
    if (!took) return;
    this.took.set(kind, (this.took.get(kind) ?? 0) + 1);
    this.current.add(kind);
  }
  /** A sequence ends: its kinds that took effect are counted once. */
  endSequence(): void {
    this.count++;
    for (const k of this.current) this.sequences.set(k, (this.sequences.get(k) ?? 0) + 1);
    this.current = new Set();
  }
  reset(): void {
    [this.ran, this.took, this.sequences, this.ms].forEach((m) => m.clear());
    this.count = 0;
    this.current = new Set();
  }
  /** Kinds of `kinds` that never took effect. */
  never(kinds: readonly string[]): string[] {
    return kinds.filter((k) => !this.took.get(k));
  }
  table(): string {
    const kinds = [...this.ran.keys()].sort();
    const rows = kinds.map(
      (k) =>
        `  ${k.padEnd(16)} ran ${String(this.ran.get(k)).padStart(3)}  took effect ${String(this.took.get(k) ?? 0).padStart(3)}  in ${this.sequences.get(k) ?? 0}/${this.count} sequences  ${((this.ms.get(k) ?? 0) / 1000).toFixed(0)} s`,
    );
    return rows.join('\n');
  }
}
export const coverage = new Coverage();

const TEST = { authorization: 'Bearer test-support', 'content-type': 'application/json' };
const API = { authorization: 'Bearer demo-token', 'content-type': 'application/json' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LIVE = ['registered', 'recorded', 'queued'];
/**
 * Reasons a request's shape is refused for (core's request checks): the element decides them before it offers the
 * confirm, so a confirm it offered is never refused for one of them (only for the card, the cap or a usage).
 */
const SHAPE = [
  'children-on-community-card',
  'children-on-course',
  'community-card-on-course',
  'community-card-without-group',
  'group-member-community-card',
  'group-member-duplicate',
  'group-member-invalid',
  'group-on-client-card',
  'too-many-children',
];

type ServerUsage = {
  usageId: string;
  idempotencyKey?: string;
  cardId: string;
  show: { id: string };
  childTickets: number;
  group?: { memberCardIds: string[]; under16Clients: number };
  mode: string;
  state?: string;
  terminal?: string;
  venueId: string;
  channel?: string;
  /** Other admissions of its card for the show, during a split (`UsageRecord.conflicts`). */
  conflicts?: { terminal?: string; clientTime: string }[];
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

type FlowPhase = {
  name: string;
  outcome?: string;
  cardId?: string;
  usageId?: string;
  recordId?: string;
  undoError?: { code: string };
  request?: { children: number; groupCardIds: string[]; under16: number };
};

type Seen = {
  phase: string;
  flow: FlowPhase;
  busy: boolean;
  tickets: boolean;
  confirm: boolean;
  verdict: string | undefined;
  outcome: string | undefined;
  error: string | undefined;
  /** The codes of the refusal's reasons and of an error on screen. */
  codes: string[];
  manualError: boolean;
  cardOnScreen: string | undefined;
  /** Who booked the card on screen, when the screen offers its booking to collect (`data-booked-by`). */
  bookedBy: string | undefined;
  /** The result's outcome (`voided`…), when a result is on screen. */
  result: string | undefined;
  text: string;
  screen: string;
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
        phase: FlowPhase & { card?: { id: string } };
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
      flow: JSON.parse(JSON.stringify({ ...p, card: undefined })) as FlowPhase,
      busy: el.flow.busy || el.flow.undo?.running === true,
      tickets: !!q('tickets'),
      // Offered: there, and neither disabled nor aria-disabled (a decision with reasons keeps it focusable).
      confirm:
        !!q('confirm-button') &&
        !(q('confirm-button') as HTMLButtonElement).disabled &&
        q('confirm-button')!.getAttribute('aria-disabled') !== 'true',
      verdict: verdict?.dataset['verdict'],
      outcome: verdict?.dataset['outcome'],
      error: q('error')?.dataset['code'],
      codes: [...root.querySelectorAll<HTMLElement>('.verdict [data-code], [part~="error"][data-code]')].map(
        (e) => e.dataset['code']!,
      ),
      manualError: !!root.querySelector('#manual-error'),
      cardOnScreen: p.card?.id ?? p.cardId,
      bookedBy: root.querySelector<HTMLElement>('[part~="booking"]')?.dataset['bookedBy'],
      result: p.outcome,
      text: root.textContent ?? '',
      // What the screen shows: the shift report's print-only parts (its group-visit links) left out.
      screen: (() => {
        const copy = document.createElement('div');
        root.childNodes.forEach((n) => copy.append(n.cloneNode(true)));
        copy.querySelectorAll('.shift-report, .shift-print').forEach((e) => e.remove());
        return copy.textContent ?? '';
      })(),
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
async function settle(s: ScannerPage, ms = 60_000): Promise<Seen> {
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

const pathOf = (m: Model) =>
  `/box-office/?show=${m.show}&terminal=${encodeURIComponent(TERMINAL)}${m.registry === 'none' ? '&registry=none' : ''}`;

async function open(
  h: Harness,
  m: Model,
  beforeLoad?: LoadHook,
  context?: BrowserContext,
): Promise<ScannerPage> {
  const s = await openBoxOffice(h, {
    lang: 'en',
    path: pathOf(m),
    ...(beforeLoad && { beforeLoad }),
    ...(context && { context }),
  });
  await prepare(s, m);
  return s;
}

/** The page's log of events, cues and files, this terminal's name and the model's mode (again after a reload). */
async function prepare(s: ScannerPage, m: Model): Promise<void> {
  await s.page.evaluate(
    ([terminal, mode]) => {
      const w = window as unknown as {
        __model: { scans: number; errors: unknown[]; cues: number; files: Blob[] };
      };
      w.__model = { scans: 0, errors: [], cues: 0, files: [] };
      navigator.vibrate = () => (w.__model.cues++, true);
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => (w.__model.files.push(blob as Blob), create(blob));
      const el = document.querySelector('kaiku-scanner')!;
      el.addEventListener('kaiku-scan', () => w.__model.scans++);
      el.addEventListener('kaiku-error', (e) => w.__model.errors.push((e as CustomEvent).detail));
      Object.assign(el, { terminalName: terminal, mode });
    },
    [TERMINAL, m.mode] as const,
  );
  await s.page.waitForTimeout(100);
}

type ShiftRow = { id: string; cardId: string; show: string; state: string; shown: string };

/** The shift list: the log's usages (ID, card, show) beside the rows as rendered (`data-state`), in one order. */
async function shiftRows(s: ScannerPage, late = false): Promise<ShiftRow[] | undefined> {
  const panel = s.page.locator('kaiku-scanner [part~="shift"]');
  if (late && (await panel.count()) === 0) return undefined;
  await panel.waitFor({ state: 'attached', timeout: 60_000 });
  return s.page.evaluate(() => {
    const el = document.querySelector('kaiku-scanner') as unknown as HTMLElement & {
      views: { log?: { usages: { id: string; cardId: string; show: { id: string }; state: string }[] } };
    };
    const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.shift-list li')].map(
      (li) => li.dataset['state'] ?? '',
    );
    const log = el.views.log?.usages ?? [];
    if (shown.length !== log.length) return [{ id: '', cardId: '', show: '', state: 'mismatch', shown: '' }];
    return log.map((u, i) => ({
      id: u.id,
      cardId: u.cardId,
      show: u.show.id,
      state: u.state,
      shown: shown[i]!,
    }));
  });
}

/** The register's records as stored (IndexedDB `kaiku-register <venue> <terminal>`), read without creating it. */
async function registerRecords(s: ScannerPage): Promise<
  {
    id: string;
    cardId: string;
    show: string;
    children: number;
    members: string[];
    under16: number;
    exported: boolean;
  }[]
> {
  return s.page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const q = indexedDB.open(name);
      q.onsuccess = () => resolve(q.result);
      q.onerror = () => reject(q.error);
    });
    try {
      if (!db.objectStoreNames.contains('outbox')) return [];
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const q = db.transaction('outbox').objectStore('outbox').getAll(IDBKeyRange.bound('u:', 'u:\uffff'));
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
      return (
        all as {
          id: string;
          exportedAt?: number;
          usage: {
            cardId: string;
            show: { id: string };
            childTickets: number;
            group?: { memberCardIds: string[]; under16Clients: number };
          };
        }[]
      ).map((r) => ({
        id: r.id,
        cardId: r.usage.cardId,
        show: r.usage.show.id,
        children: r.usage.childTickets,
        members: r.usage.group?.memberCardIds ?? [],
        under16: r.usage.group?.under16Clients ?? 0,
        exported: r.exportedAt !== undefined,
      }));
    } finally {
      db.close();
    }
  }, `kaiku-register ${SEED_VENUE.id} ${TERMINAL}`);
}

/**
 * The cards the needs-attention list names (queued usages Kaikukanta refused when they were sent), once the list
 * shows what the element holds (its view loads on the first item: on a loaded machine, a while after the state).
 */
async function attentionCards(s: ScannerPage): Promise<string[]> {
  const drawn = () =>
    s.page.evaluate(() => {
      const el = document.querySelector('kaiku-scanner') as unknown as HTMLElement & {
        flow: { sync: { state: { needsAttention: unknown[] } } };
      };
      const rows = el.shadowRoot!.querySelectorAll('[part~="needs-attention"] li').length;
      return rows === el.flow.sync.state.needsAttention.length;
    });
  await until(drawn, { guardMs: 15_000 }).catch(() => undefined); // judged by the caller, with the cards
  return s.page
    .locator('kaiku-scanner [part~="needs-attention"] li .mono')
    .evaluateAll((l) => l.map((e) => (e.textContent ?? '').trim()));
}

const keyOf = (u: { card: string; show: string }) => `${u.show}|${u.card}`;
const describeUsage = (u: Confirmed) =>
  `${u.card} for ${u.show} (${u.mode}, ${u.registry}${u.undone ? ', undone' : ''}${u.exported ? ', exported' : ''})`;

/** The model's usage that goes by `id`, or a usage without an ID yet (the tab closed) of the same card and show. */
function usageBy(m: Model, id: string, key?: string): Confirmed | undefined {
  const known = m.usages.find((u) => u.handles.has(id));
  if (known || key === undefined) return known;
  const adopt = m.usages.find((u) => u.handles.size === 0 && keyOf(u) === key);
  adopt?.handles.add(id);
  return adopt;
}

/**
 * The invariants after every step. The screen: no record UUID, nothing sent for another venue. Per usage the clerk
 * confirmed (`strict`: everything sent, at a sequence's end): on the server, registered exactly once with its card,
 * show and tickets unless undone, an undone one voided or never sent, one Kaikukanta refused named in needs-attention;
 * in the register likewise (an undone one removed); in the shift list once, voided exactly when undone; and no
 * usage anywhere that the clerk did not confirm.
 */
async function invariants(m: Model, r: Real, strict = false): Promise<void> {
  let seen = await look(r.s);
  expect(seen.screen, 'a record UUID on screen').not.toMatch(UUID);
  expect(await serverUsages(r.h, SEED_PARTNER_VENUE.id), 'sent for another venue').toEqual([]);
  const server = (await serverUsages(r.h)).filter((u) => u.terminal !== OTHER && u.venueId !== AGENT);
  if (m.registry === 'none') {
    const handed = m.usages.filter((c) => c.handedOver);
    const of = (c: Confirmed, u: ServerUsage) =>
      c.show === u.show.id && [c.card, ...c.members].includes(u.cardId);
    expect(
      server.filter((u) => !handed.some((c) => of(c, u))),
      'a usage sent without an API',
    ).toEqual([]);
    // Each usage of a file handed over is on the server once (its card, and each member's: in its group or its own).
    for (const c of handed)
      for (const card of [c.card, ...c.members]) {
        const rows = server.filter(
          (u) =>
            of(c, u) &&
            u.state !== 'voided' &&
            (u.cardId === card ? u.mode === c.mode : (u.group?.memberCardIds ?? []).includes(card)),
        );
        const held = server
          .filter((u) => of(c, u))
          .map((u) => [u.cardId, u.mode, u.state, u.group?.memberCardIds]);
        expect(
          rows.length,
          `handed over, ${rows.length} times: ${card}, ${describeUsage(c)} ${JSON.stringify(held)}`,
        ).toBe(1);
      }
    await compareRegister(m, r);
  }
  await compareShift(m, r, !strict && m.shiftLate === true);
  if (m.registry === 'none') return;
  // Nothing on the server the clerk did not confirm, and no confirmed usage registered twice (at any step).
  for (const u of server) {
    const mine =
      usageBy(m, u.usageId) ??
      usageBy(m, u.idempotencyKey ?? u.usageId, keyOf({ card: u.cardId, show: u.show.id }));
    expect(mine, `on the server, not confirmed here: ${u.cardId} for ${u.show.id} (${u.mode})`).toBeDefined();
    [u.usageId, u.idempotencyKey].forEach((id) => id && mine!.handles.add(id));
  }
  for (const c of m.usages.filter((x) => x.registry === 'api')) {
    const rows = server.filter((u) => c.handles.has(u.usageId));
    const active = rows.filter((u) => u.state !== 'voided');
    expect(active.length, `registered ${active.length} times: ${describeUsage(c)}`).toBeLessThanOrEqual(1);
    for (const u of rows) {
      expect([u.cardId, u.show.id, u.mode], `the server's row of ${describeUsage(c)}`).toEqual([
        c.card,
        c.show,
        c.mode,
      ]);
      expect(u.childTickets, `children of ${describeUsage(c)}`).toBe(c.children);
      expect(u.group?.memberCardIds ?? [], `members of ${describeUsage(c)}`).toEqual(c.members);
      expect(u.group?.under16Clients ?? 0, `under-16 clients of ${describeUsage(c)}`).toBe(c.under16);
    }
  }
  // The result on screen says what became of its usage: undone only when undone, "registered" only when it is.
  const p = seen.flow;
  const shown = p.name === 'done' ? usageBy(m, p.usageId ?? p.recordId ?? '') : undefined;
  if (shown && p.outcome === 'voided')
    expect(shown.undone, `shown undone: ${describeUsage(shown)}`).toBe(true);
  if (shown && LIVE.includes(p.outcome ?? ''))
    expect(shown.undone, `shown ${p.outcome}, though undone: ${describeUsage(shown)}`).toBe(false);
  if (shown && p.outcome === 'registered' && shown.registry === 'api') {
    const on = server.filter((u) => shown.handles.has(u.usageId) && u.state !== 'voided');
    expect(on.length, `shown registered, not on the server: ${describeUsage(shown)}`).toBe(1);
  }
  if (!strict && (!m.online || !m.up)) return;
  // Sent: wait for the queue to drain (the outbox retries on its own schedule).
  // Bounded by time, not by looks: at load 20 a look alone took seconds (a hang guard, left as soon as it drains).
  const drainBy = performance.now() + (strict ? 90_000 : 20_000);
  for (let i = 0; performance.now() < drainBy && seen.pending > 0; i++) {
    if (strict && i % 20 === 0)
      await r.s.page.evaluate(() =>
        (document.querySelector('kaiku-scanner') as unknown as { syncNow(): Promise<void> }).syncNow(),
      );
    await r.s.page.waitForTimeout(250);
    seen = await look(r.s);
  }
  if (strict) expect(seen.pending, 'usages never sent').toBe(0);
  if (seen.pending > 0) return; // still backing off after an outage: judged at a later step
  // A void queued behind its registration is not pending: the run that sent the registration sends it after, and
  // `syncNow()` waits for that run (then finds nothing left). Judged before, the server still held it registered.
  await r.s.page.evaluate(() =>
    (document.querySelector('kaiku-scanner') as unknown as { syncNow(): Promise<void> }).syncNow(),
  );
  const everyone = await serverUsages(r.h);
  const now = everyone.filter((u) => u.terminal !== OTHER && u.venueId !== AGENT);
  const attention = await attentionCards(r.s);
  // A queued result on screen follows its usage: nothing waits, so it says what became of it.
  const followed = async () => (await look(r.s)).flow.outcome !== 'queued';
  await until(followed, { guardMs: 30_000 }).catch(() => undefined); // judged just below
  expect((await look(r.s)).flow.outcome, 'a result still says queued, though sent').not.toBe('queued');
  for (const c of m.usages.filter((x) => x.registry === 'api')) {
    const rows = now.filter(
      (u) => c.handles.has(u.usageId) || (u.idempotencyKey !== undefined && c.handles.has(u.idempotencyKey)),
    );
    const active = rows.filter((u) => u.state !== 'voided');
    if (c.undone) {
      expect(active.length, `undone, yet registered: ${describeUsage(c)}`).toBe(0);
      continue;
    }
    if (c.handles.size === 0 && c.shift === 'maybe' && !strict) continue; // the closed tab's usage: at the end
    const refused = attention.includes(c.card);
    expect(
      active.length + (refused && active.length === 0 ? 1 : 0),
      `confirmed, registered ${active.length} times${refused ? ' and refused' : ''}: ${describeUsage(c)}`,
    ).toBe(1);
    expect(rows.length - active.length, `voided though not undone: ${describeUsage(c)}`).toBe(0);
    // Admitted here while cut off, and at the other terminal meanwhile: the usage that stands names this one.
    const held = everyone.find(
      (u) => u.terminal === OTHER && u.cardId === c.card && u.show.id === c.show && u.state !== 'voided',
    );
    if (refused && active.length === 0 && held)
      expect(
        held.conflicts?.filter((x) => x.terminal === TERMINAL).length,
        `admitted here and at ${OTHER}, the conflict recorded: ${describeUsage(c)}`,
      ).toBe(1);
  }
  // And no conflict names this terminal that it did not make: a usage refused after it was admitted here.
  for (const u of everyone)
    for (const x of (u.conflicts ?? []).filter((y) => y.terminal === TERMINAL))
      expect(
        m.usages.some(
          (c) => c.card === u.cardId && c.show === u.show.id && !c.undone && attention.includes(c.card),
        ),
        `a conflict named for ${TERMINAL} at ${x.clientTime}: ${u.cardId} for ${u.show.id}, not refused here`,
      ).toBe(true);
}

/** The register holds each usage confirmed in it once (exported as the model says) unless undone; nothing else. */
async function compareRegister(m: Model, r: Real): Promise<void> {
  const records = await registerRecords(r.s);
  for (const rec of records) {
    const mine = usageBy(m, rec.id);
    expect(mine, `in the register, not confirmed here: ${rec.cardId} for ${rec.show}`).toBeDefined();
    expect(
      [rec.cardId, rec.show, rec.children, rec.members, rec.under16],
      `the register's record of ${describeUsage(mine!)}`,
    ).toEqual([mine!.card, mine!.show, mine!.children, mine!.members, mine!.under16]);
    expect(mine!.undone, `undone, yet in the register: ${describeUsage(mine!)}`).toBe(false);
    expect(rec.exported, `exported flag of ${describeUsage(mine!)}`).toBe(mine!.exported);
  }
  for (const c of m.usages.filter((x) => x.registry === 'none' && !x.undone)) {
    const n = records.filter((rec) => c.handles.has(rec.id)).length;
    expect(n, `confirmed, in the register ${n} times: ${describeUsage(c)}`).toBe(1);
  }
}

/** The shift list: each usage of this page's shift once, voided exactly when undone; no row nobody confirmed. */
async function compareShift(m: Model, r: Real, late: boolean): Promise<void> {
  const all = await shiftRows(r.s, late);
  if (!all) return;
  const rows = all.filter((row) => row.state !== 'refused');
  expect(rows[0]?.state, 'the shift list as rendered differs from its log').not.toBe('mismatch');
  const attention = m.registry === 'api' ? await attentionCards(r.s) : [];
  for (const row of rows) {
    expect(row.shown, 'a shift row shows another state than its log').toBe(
      row.state === 'queued' || row.state === 'recorded' ? row.shown : row.state,
    );
    const mine = usageBy(m, row.id, keyOf({ card: row.cardId, show: row.show }));
    expect(
      mine,
      `in the shift list, not confirmed here: ${row.cardId} for ${row.show} (${row.state})`,
    ).toBeDefined();
    expect([row.cardId, row.show], `the shift row of ${describeUsage(mine!)}`).toEqual([
      mine!.card,
      mine!.show,
    ]);
    if (mine!.undone) expect(row.state, `undone, shown ${row.state}: ${describeUsage(mine!)}`).toBe('voided');
    else expect(LIVE, `not undone, shown ${row.state}: ${describeUsage(mine!)}`).toContain(row.state);
  }
  // The same reading of the list (a second one may find a queued row refused since: counted twice).
  const refusedRows = all.filter((row) => row.state === 'refused');
  for (const c of m.usages.filter((x) => x.shift === true)) {
    const n = rows.filter((row) => c.handles.has(row.id)).length;
    const refused = refusedRows.some((row) => c.handles.has(row.id)) && attention.includes(c.card);
    const list = all.map((row) => `${row.cardId} ${row.state} ${row.id.slice(0, 8)}`).join(', ');
    expect(
      n + (refused ? 1 : 0),
      `confirmed, in the shift list ${n} times: ${describeUsage(c)} [${[...c.handles].map((h) => h.slice(0, 8)).join(' ')}] (list: ${list})`,
    ).toBe(1);
  }
}

abstract class Base implements Step {
  /** The action's kind in the coverage table. */
  abstract readonly kind: string;
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  /** Acts; resolves to whether the action took effect (a usage confirmed, an undo done, the network gone…). */
  abstract act(m: Model, r: Real): Promise<boolean>;
  async run(m: Model, r: Real): Promise<void> {
    const started = Date.now();
    const took = await this.act(m, r);
    await settle(r.s);
    await invariants(m, r);
    coverage.note(this.kind, took, Date.now() - started);
  }
  abstract toString(): string;
}

/** What a reading of `cardId` must show, given the server (or the register) now, read before the reading. */
async function expectation(m: Model, r: Real, cardId: string): Promise<'form' | 'refusal' | 'any'> {
  const key = `${m.show}|${cardId}`;
  if (m.registry === 'none') {
    const kept = m.usages.some((u) => u.registry === 'none' && !u.undone && keyOf(u) === key);
    return kept && m.mode === 'booking' ? 'refusal' : 'any';
  }
  if (!m.online || !m.up || !(Cards.valid as readonly string[]).includes(cardId)) return 'any';
  const usages = (await serverUsages(r.h)).filter(
    (u) => u.state !== 'voided' && `${u.show.id}|${u.cardId}` === key,
  );
  const used = usages.length > 0;
  if (m.told.has(key) && used) return 'refusal';
  // A booking to collect that was collected: the look-up says so, when and where (issue 62).
  const booking = usages.find((u) => u.mode === 'booking');
  const toCollect = booking && (m.mode === 'collection' || booking.channel !== 'box-office');
  if (toCollect && usages.some((u) => u.mode === 'collection')) return 'refusal';
  if (m.mode !== 'booking' || used) return 'any';
  const t = await tally(r.h, m.show);
  if (t.cap !== null && t.ticketsGiven >= t.cap) return 'refusal';
  // Free on the server (never used, or its usage voided): the same terminal must offer it the ticket form.
  return 'form';
}

/** A reading by reader keys (a burst), typed into the field, or from the host (`submitCardId`). */
export class Read extends Base {
  readonly kind = 'read';
  constructor(
    readonly cardId: string,
    readonly how: 'wedge' | 'typed' | 'api',
  ) {
    super();
  }
  act(m: Model, r: Real): Promise<boolean> {
    return read(m, r, this.cardId, this.how);
  }
  toString(): string {
    return `Read(${this.cardId}, ${this.how})`;
  }
}

/** Reads a card; resolves to whether it was read (an event, not the reader's repeat of the card on screen). */
async function read(m: Model, r: Real, cardId: string, how: 'wedge' | 'typed' | 'api'): Promise<boolean> {
  const s = r.s;
  const want = await expectation(m, r, cardId);
  const before = await settle(s);
  if (how === 'wedge') await wedgeScan(s.cdp, cardId);
  else if (how === 'api')
    await s.page.evaluate((id) => document.querySelector('kaiku-scanner')!.submitCardId(id), cardId);
  else {
    if (before.phase !== 'ready') await s.page.keyboard.press('Escape');
    const input = s.page.locator('kaiku-scanner #manual');
    await input.fill(cardId);
    // Inserted at once, the ID is what a text-only reader sends: a slow machine may take it as that reading before
    // the Enter comes (the input then gone with the ready screen). Either way one reading, checked below.
    await input.press('Enter', { timeout: 10_000 }).catch(async (e: unknown) => {
      if ((await input.count()) > 0) throw e;
    });
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
  if (echo) return false;
  const said = `${after.phase}/${after.verdict ?? ''}: ${after.text.replace(/\s+/g, ' ').slice(0, 300)}`;
  if (want === 'form') expect(after.tickets, `${cardId} is free but not offered: ${said}`).toBe(true);
  if (want === 'refusal') {
    expect(after.tickets, `${cardId} offered the form again: ${said}`).toBe(false);
    expect(after.verdict, `${cardId} not on the refusal screen`).toMatch(/refused|already-used/);
  }
  // The meter, refreshed with the look-up, never shows more left than the server has.
  if (m.registry === 'api' && m.online && m.up && after.meter && after.pending === 0) {
    const t = await tally(r.h, m.show);
    if (t.cap !== null)
      expect(after.meter.given, 'the meter shows more left than the server').toBeGreaterThanOrEqual(
        Math.min(t.ticketsGiven, t.cap),
      );
  }
  return true;
}

async function setChildren(r: Real, n: number): Promise<boolean> {
  const field = r.s.page.locator('kaiku-scanner [part~="tickets"] [role="spinbutton"]').first();
  if ((await field.count()) === 0) return false;
  await field.focus();
  for (let i = 0; i < 3; i++) await field.press('ArrowDown');
  for (let i = 0; i < n; i++) await field.press('ArrowUp');
  return true;
}

export class SetChildren extends Base {
  readonly kind = 'children';
  constructor(readonly n: number) {
    super();
  }
  act(_m: Model, r: Real): Promise<boolean> {
    return setChildren(r, this.n);
  }
  toString(): string {
    return `SetChildren(${this.n})`;
  }
}

/**
 * Confirms the card on screen (`click`, default the confirm button) and takes down what the screen says: a result
 * (registered, recorded or queued, under the handle it carries) becomes a confirmed usage of the model; anything
 * else must be said on screen (a refusal or an error). Resolves to the usage, if one was confirmed.
 */
async function confirmOnScreen(
  m: Model,
  r: Real,
  click?: () => Promise<void>,
): Promise<Confirmed | undefined> {
  const before = await look(r.s);
  if (!before.confirm) return undefined;
  const key = `${m.show}|${before.cardOnScreen}`;
  await (click ? click() : r.s.page.locator('kaiku-scanner [part~="confirm-button"]').click());
  const after = await settle(r.s);
  const p = after.flow;
  if (p.name === 'done' && LIVE.includes(p.outcome ?? '')) {
    expect(after.outcome, 'the result on screen is not the flow’s').toBe(p.outcome);
    expect(p.cardId, 'the result names another card').toBe(before.cardOnScreen);
    const handle = p.usageId ?? p.recordId;
    const usage: Confirmed = {
      card: p.cardId!,
      show: m.show,
      // A booking to collect is collected, whatever the mode (issue 62).
      mode: before.bookedBy ? 'collection' : m.mode,
      registry: m.registry,
      children: p.request?.children ?? 0,
      members: [...(p.request?.groupCardIds ?? [])],
      under16: p.request?.under16 ?? 0,
      handles: new Set(handle ? [handle] : []),
      atClock: m.clockMs,
      undone: false,
      exported: false,
      shift: !!handle,
    };
    m.usages.push(usage);
    return usage;
  }
  if (after.verdict === 'already-used') m.told.add(key);
  expect(
    after.codes.filter((c) => SHAPE.includes(c)),
    'a confirm the element offered, refused for its request',
  ).toEqual([]);
  expect(
    !!after.verdict || !!after.error || after.text.length > 0,
    `confirmed, and the screen said nothing: ${after.text.slice(0, 200)}`,
  ).toBe(true);
  expect(p.name, 'a confirm that was neither a result, a refusal nor an error').toMatch(/card|error|done/);
  return undefined;
}

export class Confirm extends Base {
  readonly kind = 'confirm';
  async act(m: Model, r: Real): Promise<boolean> {
    return (await look(r.s)).confirm && (await confirmOnScreen(m, r)) !== undefined;
  }
  toString(): string {
    return 'Confirm';
  }
}

/** Back to the ready screen (the host's `reset()`), as after "next customer". */
async function toReady(r: Real): Promise<void> {
  await settle(r.s);
  await r.s.page.evaluate(() => document.querySelector('kaiku-scanner')!.reset());
}

/** A sale as a clerk makes it: the card read, the children set, confirmed. Took effect: a usage confirmed. */
export class Sell extends Base {
  readonly kind = 'sell';
  constructor(
    readonly cardId: string,
    readonly children: number,
    readonly how: 'wedge' | 'typed' | 'api',
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<boolean> {
    await toReady(r);
    await read(m, r, this.cardId, this.how);
    await setChildren(r, this.children);
    return (await confirmOnScreen(m, r)) !== undefined;
  }
  toString(): string {
    return `Sell(${this.cardId}, ${this.children}, ${this.how})`;
  }
}

/**
 * A booking collected at the door: booked earlier (here, by phone through another channel, or sold by a ticket agent
 * and imported from the agent's sales file, named by event and start as agents name it), then the clerk switches to collection, reads the card and confirms. Took effect: the collection
 * confirmed. An agent's sale (issue 62): the screen says booked by the agent, and the collection adds nothing to the
 * show's tally (the booking covers it: one counted usage of the card for the show).
 */
export class Collect extends Base {
  constructor(
    readonly cardId: string,
    readonly bookedBy: 'here' | 'phone' | 'agent',
  ) {
    super();
  }
  get kind(): string {
    return this.bookedBy === 'agent' ? 'collect-agent' : 'collect';
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const booked = () =>
      m.usages.some(
        (u) =>
          u.registry === m.registry &&
          u.mode === 'booking' &&
          !u.undone &&
          keyOf(u) === `${m.show}|${this.cardId}`,
      );
    await toReady(r);
    const agent = this.bookedBy === 'agent' && m.registry === 'api';
    const sold = agent && (await importAgentSale(r.h.apiUrl, this.cardId, m.show, AGENT));
    if (agent) {
      if (!sold) return false;
    } else if (!booked()) {
      if (this.bookedBy === 'phone' && m.registry === 'api')
        await otherTerminal(r, m, this.cardId, 'reservation');
      else {
        await setMode(r, m, 'booking');
        await read(m, r, this.cardId, 'wedge');
        if (!(await confirmOnScreen(m, r))) return false;
        await toReady(r);
      }
    }
    await setMode(r, m, 'collection');
    await read(m, r, this.cardId, 'wedge');
    const online = m.online && m.up;
    const seen = await look(r.s);
    if (sold && online) expect(seen.bookedBy, `${this.cardId}: the agent's booking not offered`).toBe(AGENT);
    const before = await tally(r.h, m.show);
    const done = await confirmOnScreen(m, r);
    await setMode(r, m, 'booking');
    if (sold && done && online) {
      expect((await tally(r.h, m.show)).ticketsGiven, 'the collection counted beside its booking').toBe(
        before.ticketsGiven,
      );
      const rows = (await serverUsages(r.h)).filter(
        (u) =>
          u.state !== 'voided' && keyOf({ card: u.cardId, show: u.show.id }) === `${m.show}|${this.cardId}`,
      );
      expect(
        rows.map((u) => u.mode).sort(),
        `${this.cardId}: the agent's booking and one collection`,
      ).toEqual(['booking', 'collection']);
      // Read again: already collected, said when and where.
      await read(m, r, this.cardId, 'typed');
      expect((await look(r.s)).verdict, `${this.cardId}: collected twice`).toBe('already-used');
    }
    return done !== undefined;
  }
  toString(): string {
    return `Collect(${this.cardId}, booked ${this.bookedBy})`;
  }
}

/** The mode by the element's own radio (as the clerk does). */
async function setMode(r: Real, m: Model, mode: 'booking' | 'collection'): Promise<void> {
  if (m.mode === mode) return;
  await r.s.page.locator(`kaiku-scanner input[name="mode"][value="${mode}"]`).click();
  m.mode = mode;
}

/**
 * A community card's holder with a group: the holder read, each member's card read (the first once more when
 * `twice`), confirmed; with no members, the group is one under-16 client.
 */
export class Group extends Base {
  readonly kind = 'group';
  constructor(
    readonly holder: string,
    readonly members: readonly string[],
    readonly twice = false,
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<boolean> {
    await toReady(r);
    await read(m, r, this.holder, 'wedge');
    if (!(await look(r.s)).tickets) return false;
    for (const member of this.twice ? [...this.members, ...this.members.slice(0, 1)] : this.members) {
      await wedgeScan(r.s.cdp, member);
      await settle(r.s);
    }
    const ids = (await look(r.s)).flow.request?.groupCardIds ?? [];
    expect(ids, 'a member twice in the group').toEqual([...new Set(ids)]);
    // No member cards: the clerk counts one under-16 client (a community card's group needs someone).
    if (this.members.length === 0) {
      const under16 = r.s.page.locator('kaiku-scanner #under16-value');
      await under16.focus();
      await under16.press('ArrowUp');
      await settle(r.s);
    }
    const done = await confirmOnScreen(m, r);
    // Every member read (valid client cards) is in the group the result registered, once.
    if (done) expect(done.members, 'the group registered').toEqual([...this.members]);
    return done !== undefined;
  }
  toString(): string {
    return `Group(${this.holder}, ${this.members.join(' ')}${this.twice ? ', twice' : ''})`;
  }
}

/**
 * The card read in a second tab of this terminal while this tab offers it too; this tab confirms, then the other:
 * the other is refused (the register and Kaikukanta each keep a card's one usage of a show), and closed.
 */
export class TwoTabs extends Base {
  readonly kind = 'two-tabs';
  constructor(readonly cardId: string) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    // Offline, both tabs queue: Kaikukanta refuses the second later (a case of its own: needs attention).
    return m.registry === 'none' || (m.online && m.up);
  }
  async act(m: Model, r: Real): Promise<boolean> {
    await toReady(r);
    await read(m, r, this.cardId, 'typed');
    if (!(await look(r.s)).confirm) return false;
    const other: Real = { h: r.h, s: await open(r.h, m, undefined, r.s.context) };
    try {
      await read(m, other, this.cardId, 'typed');
      const offered = (await look(other.s)).confirm;
      const first = await confirmOnScreen(m, r);
      if (!first || !offered) return false;
      const again = await confirmOnScreen(m, other);
      expect(again, `${this.cardId} used twice for ${m.show}, once in each tab`).toBeUndefined();
      return true;
    } finally {
      await other.s.page.close();
    }
  }
  toString(): string {
    return `TwoTabs(${this.cardId})`;
  }
}

/**
 * The clerk confirms and the tab closes while the usage is being sent: the send is held, then (when `landed`) put
 * through to Kaikukanta without its answer reaching the page, and the page is closed; a new tab opens the terminal.
 */
export class ConfirmThenClose extends Base {
  readonly kind = 'confirm-close';
  constructor(readonly landed: boolean) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'api' && m.online && m.up;
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const seen = await look(r.s);
    if (!seen.confirm) return false;
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
    // Confirmed: it must reach Kaikukanta once (from the new tab), whatever became of this send.
    const p = (await look(r.s)).flow;
    const handle = p.usageId ?? p.recordId;
    m.usages.push({
      card: seen.cardOnScreen!,
      show: m.show,
      mode: m.mode,
      registry: 'api',
      children: p.request?.children ?? 0,
      members: [...(p.request?.groupCardIds ?? [])],
      under16: p.request?.under16 ?? 0,
      handles: new Set(handle ? [handle] : []),
      atClock: m.clockMs,
      undone: false,
      exported: false,
      shift: 'maybe',
    });
    await page.close({ runBeforeUnload: false });
    r.s = await open(r.h, m, undefined, r.s.context);
    return true;
  }
  toString(): string {
    return `ConfirmThenClose(${this.landed ? 'landed' : 'lost'})`;
  }
}

/**
 * A sale whose answer is lost: the usage reaches Kaikukanta but the page sees the connection fail, so the result says
 * queued; with `undo`, the clerk undoes it at once, while its send may have landed (it must be voided, not deleted).
 */
export class SellAnswerLost extends Base {
  readonly kind = 'answer-lost';
  constructor(
    readonly cardId: string,
    readonly undo: boolean,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'api' && m.online && m.up;
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const page = r.s.page;
    await toReady(r);
    await read(m, r, this.cardId, 'wedge');
    if (!(await look(r.s)).confirm) return false;
    let lost = false;
    const lose = (url: URL) => !lost && url.pathname.endsWith('/v1/usages');
    await page.route(lose, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('failed');
    });
    const done = await confirmOnScreen(m, r);
    await page.unroute(lose);
    if (!done || !this.undo) return done !== undefined;
    const undo = page.locator('kaiku-scanner [part~="undo-button"]');
    if ((await undo.count()) === 0 || !(await undo.isEnabled())) return false;
    await undo.click();
    const after = (await settle(r.s)).flow;
    return undone(m, done, after.outcome === 'voided', !!after.undoError, 'SellAnswerLost');
  }
  toString(): string {
    return `SellAnswerLost(${this.cardId}${this.undo ? ', undo' : ''})`;
  }
}

/** Whether the undo of `u` must succeed: not exported, and within the server's void window (or never sent). */
const mustUndo = (m: Model, u: Confirmed) =>
  !u.exported && (u.registry === 'none' || m.clockMs === u.atClock);

/** Takes down an undo the clerk asked for: done (`voided` said) or refused (the reason said); never silent. */
function undone(m: Model, u: Confirmed | undefined, voided: boolean, failed: boolean, what: string): boolean {
  expect(voided || failed, `${what}: the screen said neither undone nor why not`).toBe(true);
  expect(u, `${what}: undo offered for a usage not confirmed here`).toBeDefined();
  if (!voided && mustUndo(m, u!)) expect.fail(`${what}: the undo of ${describeUsage(u!)} failed`);
  if (voided) {
    expect(u!.exported, `${what}: an exported usage undone`).toBe(false);
    u!.undone = true;
  }
  return voided;
}

export class UndoFromResult extends Base {
  readonly kind = 'undo-result';
  async act(m: Model, r: Real): Promise<boolean> {
    const undo = r.s.page.locator('kaiku-scanner [part~="undo-button"]');
    if ((await undo.count()) === 0 || !(await undo.isEnabled())) return false;
    const p = (await look(r.s)).flow;
    const handle = p.usageId ?? p.recordId;
    await undo.click();
    const after = (await settle(r.s)).flow;
    const u = handle ? usageBy(m, handle, `${m.show}|${p.cardId}`) : undefined;
    return undone(m, u, after.outcome === 'voided', !!after.undoError, 'UndoFromResult');
  }
  toString(): string {
    return 'UndoFromResult';
  }
}

/** Undoes the `pick`-th usage the shift list offers to undo (modulo how many it offers). */
export class UndoFromList extends Base {
  readonly kind = 'undo-list';
  constructor(readonly pick = 0) {
    super();
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const page = r.s.page;
    await openShift(r);
    const buttons = page.locator('kaiku-scanner .shift-list [data-undo]:not([disabled])');
    const n = await buttons.count();
    if (n === 0) return false;
    const button = buttons.nth(this.pick % n);
    const id = (await button.getAttribute('data-undo'))!;
    const row = ((await shiftRows(r.s)) ?? []).find((x) => x.id === id);
    await button.click();
    await settle(r.s);
    const [state, error] = await page.evaluate((id) => {
      const el = document.querySelector('kaiku-scanner') as unknown as HTMLElement & {
        views: { log?: { usages: { id: string; state: string }[]; undoErrors: Map<string, unknown> } };
      };
      const log = el.views.log;
      return [log?.usages.find((u) => u.id === id)?.state, log?.undoErrors.has(id) ?? false] as const;
    }, id);
    const u = usageBy(m, id, row && keyOf({ card: row.cardId, show: row.show }));
    return undone(m, u, state === 'voided', error, `UndoFromList(${row?.cardId})`);
  }
  toString(): string {
    return `UndoFromList(${this.pick})`;
  }
}

async function openShift(r: Real): Promise<void> {
  const shift = r.s.page.locator('kaiku-scanner [part~="shift"]');
  if (!(await shift.evaluate((d) => (d as HTMLDetailsElement).open)))
    await r.s.page.locator('kaiku-scanner [part~="shift"] > summary').click();
}

/** The register's "download for Kaikukanta" (CSV): the file holds exactly the usages not exported yet. */
export class ExportRegister extends Base {
  readonly kind = 'export';
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'none';
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const page = r.s.page;
    const open = m.usages.filter((u) => u.registry === 'none' && !u.undone && !u.exported);
    // Nothing open: no empty file is offered.
    if (open.length === 0) return false;
    const files = () =>
      page.evaluate(() => (window as unknown as { __model: { files: Blob[] } }).__model.files.length);
    const before = await files();
    await page.locator('kaiku-scanner [data-export="csv"]').click();
    await until(async () => (await files()) > before, { guardMs: 60_000 });
    const csv = await page.evaluate(() =>
      (window as unknown as { __model: { files: Blob[] } }).__model.files.at(-1)!.text(),
    );
    const rows = csv
      .split(/\r?\n/)
      .map((line) => /^"?([A-Z]{1,2}\d{6,9})"?[;,\t]"?1"?[;,\t]"?(\d+)"?[;,\t]/.exec(line))
      .flatMap((x) => (x ? [`${x[1]} ${x[2]}`] : []))
      .sort();
    const expected = open
      .flatMap((u) => [`${u.card} ${u.children + u.under16}`, ...u.members.map((c) => `${c} 0`)])
      .sort();
    expect(rows, 'the export for Kaikukanta (a row per card: card, children)').toEqual(expected);
    open.forEach((u) => (u.exported = true));
    m.exports.push({ csv, usages: open });
    return true;
  }
  toString(): string {
    return 'ExportRegister';
  }
}

/**
 * The register's last file handed over to Kaikukanta (issue 62): imported with `importSalesReport` as the venue's own
 * (its title row names the venue's terminal: a box-office sale), each row resolved to the terminal's show ID. Took
 * effect: the file imported with no row refused; the invariants then find each of its usages on the server once, and
 * a sale of its first card at another terminal is refused as already used.
 */
export class HandOver extends Base {
  readonly kind = 'hand-over';
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'none';
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const file = m.exports.at(-1);
    if (!file || file.usages.some((u) => u.handedOver)) return false;
    const client = createApiClient({ baseUrl: r.h.apiUrl, getToken: () => 'demo-token' });
    const imported = await importSalesReport(file.csv, { venueId: SEED_VENUE.id, client });
    expect(imported.invalid, 'rows of the register file refused').toEqual([]);
    expect(imported.refused ?? [], 'rows of the register file the registry refused').toEqual([]);
    expect(
      imported.shows.filter((s) => s.how !== 'matched'),
      "the register file's performances, each the terminal's show",
    ).toEqual([]);
    file.usages.forEach((u) => (u.handedOver = true));
    const first = file.usages[0]!;
    const again = await registerElsewhere(r.h.apiUrl, first.card, first.show, { terminal: OTHER });
    expect(again, `${first.card}: handed over, then sold again at another terminal`).toBe(false);
    return true;
  }
  toString(): string {
    return 'HandOver';
  }
}

/** The browser's network goes or comes back. Took effect: it changed. */
export class SetNetwork extends Base {
  readonly kind: string;
  constructor(readonly on: boolean) {
    super();
    this.kind = on ? 'network-back' : 'offline';
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const changed = m.online !== this.on;
    m.online = this.on;
    await r.s.context.setOffline(!this.on);
    return changed;
  }
  toString(): string {
    return `SetNetwork(${this.on ? 'online' : 'offline'})`;
  }
}

/** The browser's network goes when there, comes back when gone (a shift's outage, both ways). */
export class ToggleNetwork extends Base {
  kind = 'offline';
  async act(m: Model, r: Real): Promise<boolean> {
    m.online = !m.online;
    this.kind = m.online ? 'network-back' : 'offline';
    await r.s.context.setOffline(!m.online);
    return true;
  }
  toString(): string {
    return 'ToggleNetwork';
  }
}

/** Kaikukanta stops answering (its address refuses connections) or comes back. */
export class SetKaikukanta extends Base {
  readonly kind: string;
  constructor(readonly up: boolean) {
    super();
    this.kind = up ? 'kaikukanta-up' : 'kaikukanta-down';
  }
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'api';
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const changed = m.up !== this.up;
    m.up = this.up;
    await (this.up ? r.h.proxy!.online() : r.h.proxy!.offline());
    return changed;
  }
  toString(): string {
    return `SetKaikukanta(${this.up ? 'up' : 'down'})`;
  }
}

export class Reload extends Base {
  readonly kind = 'reload';
  // The demo page has no service worker: offline, the browser cannot load it again at all.
  override check(m: Readonly<Model>): boolean {
    return m.online;
  }
  async act(m: Model, r: Real): Promise<boolean> {
    await r.s.page.reload();
    await r.s.page.waitForFunction(() => {
      const el = document.querySelector('kaiku-scanner') as { baseUrl?: string; registry?: string } | null;
      return !!el && (el.baseUrl !== '' || el.registry === 'none');
    });
    await prepare(r.s, m);
    if (m.show !== 'hilla-taikuri-matti') await pickShow(r, m.show);
    // The shift list outlives the page in both modes: without an API it is read from the register (issue 61.2).
    return true;
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
  readonly kind = 'click-read';
  constructor(
    readonly control: 'booking' | 'collection' | 'sound' | 'vibration' | 'privacy',
    readonly cardId: string,
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const page = r.s.page;
    if (this.control === 'booking' || this.control === 'collection') {
      await page.locator(`kaiku-scanner input[name="mode"][value="${this.control}"]`).click();
      m.mode = this.control;
    } else {
      await openShift(r);
      const box = page.locator(`kaiku-scanner input[data-pref="${this.control}"]`);
      await box.click();
      await box.click();
    }
    return read(m, r, this.cardId, 'wedge');
  }
  toString(): string {
    return `ClickThenRead(${this.control}, ${this.cardId})`;
  }
}

export class SwitchShow extends Base {
  readonly kind = 'switch-show';
  constructor(readonly id: string) {
    super();
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const changed = m.show !== this.id;
    await pickShow(r, this.id);
    m.show = this.id;
    return changed;
  }
  toString(): string {
    return `SwitchShow(${this.id})`;
  }
}

export class SwitchMode extends Base {
  readonly kind = 'switch-mode';
  constructor(readonly mode: 'booking' | 'collection') {
    super();
  }
  async act(m: Model, r: Real): Promise<boolean> {
    const changed = m.mode !== this.mode;
    await r.s.page.evaluate(
      (mode) => Object.assign(document.querySelector('kaiku-scanner')!, { mode }),
      this.mode,
    );
    m.mode = this.mode;
    return changed;
  }
  toString(): string {
    return `SwitchMode(${this.mode})`;
  }
}

/** Registers `cardId` for the show on screen as another terminal (or channel) of the venue; true if registered. */
function otherTerminal(
  r: Real,
  m: Model,
  cardId: string,
  channel: 'box-office' | 'reservation' = 'box-office',
): Promise<boolean> {
  return registerElsewhere(r.h.apiUrl, cardId, m.show, { terminal: OTHER, channel });
}

/** Another terminal (a headless client of the same venue) registers the card for the show on screen. */
export class OtherTerminal extends Base {
  readonly kind = 'other-terminal';
  constructor(readonly cardId: string) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'api';
  }
  act(m: Model, r: Real): Promise<boolean> {
    return otherTerminal(r, m, this.cardId);
  }
  toString(): string {
    return `OtherTerminal(${this.cardId})`;
  }
}

/** Nothing happens for a while (longer than the element's tally refresh): the meter must have followed the server. */
export class IdleMeter extends Base {
  readonly kind = 'idle-meter';
  async act(m: Model, r: Real): Promise<boolean> {
    // Within TALLY_MS a refresh has started; its answer lands when a loaded page gets to it (bounded).
    await r.s.page.waitForTimeout(TALLY_MS);
    const follows = async () => (await look(r.s)).meter?.given === (await tally(r.h, m.show)).ticketsGiven;
    await until(follows, { guardMs: 60_000 }).catch(() => undefined); // judged just below, with the figures
    const [seen, t] = [await look(r.s), await tally(r.h, m.show)];
    expect(seen.meter?.given, 'the idle meter shows more left than the server').toBe(t.ticketsGiven);
    return true;
  }
  toString(): string {
    return 'IdleMeter';
  }
}

export class PassVoidWindow extends Base {
  readonly kind = 'pass-void-window';
  override check(m: Readonly<Model>): boolean {
    return m.registry === 'api';
  }
  async act(m: Model, r: Real): Promise<boolean> {
    m.clockMs += VOID_WINDOW_MS;
    await setClock(r.h, m.clockMs);
    return true;
  }
  toString(): string {
    return 'PassVoidWindow';
  }
}

const setClock = (h: Harness, offsetMs: number) =>
  fetch(`${h.apiUrl}/__sandbox/clock`, { method: 'POST', headers: TEST, body: JSON.stringify({ offsetMs }) });

type LoadHook = (context: BrowserContext) => Promise<unknown>;

/**
 * One sequence on a fresh sandbox and a fresh browser context (`beforeLoad`: e.g. its routes), with or without an
 * API (`registry`). At its end the network and Kaikukanta come back and every usage is judged sent (`strict`).
 * Resolves with the number of steps run.
 */
export async function runSequence(
  h: Harness,
  cmds: Iterable<Step>,
  beforeLoad?: LoadHook,
  registry: 'api' | 'none' = 'api',
): Promise<number> {
  const reset = await fetch(`${h.apiUrl}/__sandbox/reset`, { method: 'POST', headers: TEST, body: '{}' });
  expect(reset.ok).toBe(true);
  await h.proxy!.online();
  const model: Model = {
    online: true,
    up: true,
    show: 'hilla-taikuri-matti',
    mode: 'booking',
    registry,
    told: new Set(),
    clockMs: 0,
    usages: [],
    exports: [],
  };
  const real: Real = { h, s: await open(h, model, beforeLoad) };
  if (registry === 'none') coverage.note('register-mode', true);
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
    if (!model.online) await real.s.context.setOffline(false);
    if (!model.up) await h.proxy!.online();
    Object.assign(model, { online: true, up: true });
    await settle(real.s);
    await invariants(model, real, true);
    expect(real.s.errors, 'page errors').toEqual([]);
  } finally {
    coverage.endSequence();
    await real.s.context.close();
    await h.proxy!.online();
    await setClock(h, 0);
  }
  return steps;
}
