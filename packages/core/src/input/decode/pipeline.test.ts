import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRescueRound, mayRescueInside, RESCUE_SHARE, rescued, runStages, STAGES } from './pipeline.js';
import type { FrameFacts, RescueRound, StageName } from './pipeline.js';
import type { DecodeResult } from './types.js';

// The camera's per-frame budget (issue 37.3): the rescues after zxing-cpp share its time on the frame; a rescue that
// does not fit runs on the next frame. Stage times are simulated on a clock the stages advance.
let clock = 0;
afterEach(() => vi.restoreAllMocks());

const card: DecodeResult = { text: 'A045198723', format: 'qr_code' };

/** A 720p camera frame where the JS stages saw a finder pair and a bar-code region; no stage reads unless told. */
function frame(qrSeen = true): FrameFacts {
  return {
    wantQr: true,
    want39: true,
    thorough: false,
    big: true,
    cpp: true,
    qrSeen: () => qrSeen,
    barsSeen: () => true,
  };
}

/** Runs one frame: each stage takes `ms[stage]` (default 5 ms); `reads` names the stage that reads the card. */
async function decode(
  facts: FrameFacts,
  loop: { round: RescueRound; until?: number } | undefined,
  ms: Partial<Record<StageName, number>>,
  reads?: StageName,
) {
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  const ran: StageName[] = [];
  const { read, round } = await runStages(
    facts,
    (stage) => {
      ran.push(stage);
      clock += ms[stage] ?? 5;
      return stage === reads ? card : null;
    },
    loop && { round: loop.round, until: loop.until },
    undefined,
  );
  if (loop && round) loop.round = round; // the loop keeps the round the frame ends with
  return { ran, read };
}

const index = (name: StageName): number => STAGES.findIndex((s) => s.name === name);

describe('runStages with a rescue round (the camera loop budget)', () => {
  it('runs every triggered stage without a round', async () => {
    const { ran } = await decode(frame(), undefined, { cpp: 10 });
    expect(ran).toEqual([
      'cpp',
      'qr-half',
      'c39-lines',
      'qr-full',
      'qr-flat',
      'c39-templates',
      'c39-templates-flat',
      'cpp-flat',
      'cpp-flat-fixed',
      'cpp-flat-histogram',
    ]);
  });

  it('gives the rescues zxing-cpp’s time and goes on from there on the next frame', async () => {
    const loop = { round: createRescueRound() };
    const first = await decode(frame(), loop, { cpp: 10, 'qr-half': 6, 'c39-lines': 6 });
    // The first rescue always runs; the second's time is not known yet and fits; then 10 − 12 ms is left.
    expect(first.ran).toEqual(['cpp', 'qr-half', 'c39-lines']);
    expect(loop.round.next).toBe(index('qr-full'));
    const second = await decode(frame(), loop, { cpp: 10 });
    expect(second.ran).toEqual(['cpp', 'qr-full', 'qr-flat']);
    const third = await decode(frame(), loop, { cpp: 10 });
    expect(third.ran).toEqual(['cpp', 'c39-templates', 'c39-templates-flat']);
    const fourth = await decode(frame(), loop, { cpp: 10 });
    expect(fourth.ran).toEqual(['cpp', 'cpp-flat', 'cpp-flat-fixed']);
    const fifth = await decode(frame(), loop, { cpp: 10 });
    expect(fifth.ran).toEqual(['cpp', 'cpp-flat-histogram']);
    // The round is complete: the next frame starts a new one.
    expect(loop.round.next).toBe(0);
  });

  it('runs a shed rescue on credit, so one slow (cold) run does not shed it for good', async () => {
    const loop = { round: createRescueRound(), until: 0 };
    const ran: StageName[][] = [];
    for (let f = 0; f < 30; f++) {
      loop.until = clock + 1000; // the camera's next frame is far: only zxing-cpp's own time limits the rescues
      // c39-lines takes 20 ms on its first run (its module warming up), 6 ms after it; zxing-cpp 10 ms each frame.
      const cold = ran.flat().includes('c39-lines');
      ran.push((await decode(frame(), loop, { cpp: 10, 'qr-half': 2, 'c39-lines': cold ? 6 : 20 })).ran);
    }
    // Frame 0 runs it cold (12 ms over); the frames earn 2.5 ms each, till its 20 ms are covered: it runs again.
    const at = ran.flatMap((r, f) => (r.includes('c39-lines') ? [f] : []));
    expect(at[0]).toBe(0);
    expect(at[1]).toBeGreaterThanOrEqual(10);
    expect(
      ran.slice(at[1]! + 1).some((r) => r.includes('qr-full')),
      'and the stages after it get their turn',
    ).toBe(true);
  });

  it('starts no untimed rescue while a cold first run that overran is unpaid (a starved device)', async () => {
    // The next frame due 30 ms after each frame starts, zxing-cpp 10 ms; every rescue's first run is cold (100 ms: its
    // code compiling under load), later ones 4 ms. Free first runs would overrun one more frame each time.
    const loop = { round: createRescueRound(), until: 0 };
    const timed = new Set<StageName>();
    let late = 0;
    for (let f = 0; f < 12; f++) {
      const start = clock;
      loop.until = start + 30;
      const ms = Object.fromEntries(STAGES.map((s) => [s.name, timed.has(s.name) ? 4 : 100]));
      const { ran } = await decode(frame(), loop, { ...ms, cpp: 10 });
      ran.forEach((stage) => timed.add(stage));
      late += Math.max(0, clock - loop.until);
    }
    // One cold run overran (by 80 ms); the round's debt keeps the others for later frames.
    expect(late).toBeLessThanOrEqual(80);
    expect(timed.size, 'zxing-cpp and one rescue').toBe(2);
  });

  it('gives a frame whose zxing-cpp was slow only zxing-cpp’s recent time, and counts time outside the stages', async () => {
    const loop = { round: createRescueRound() };
    loop.round.cost.set('cpp', 10);
    loop.round.cost.set('c39-lines', 6);
    // A slow zxing-cpp (a busy device, a frame full of texture): 10 ms for the rescues, not 100.
    expect((await decode(frame(), loop, { cpp: 100, 'qr-half': 6 })).ran).toEqual(['cpp', 'qr-half']);
    loop.round.credit.ms = 0; // (none left to run past it)
    // Locating the parts (here 5 ms) is rescue time too: after it, the next part no longer fits.
    const facts = { ...frame(), parts: (stage: StageName) => ((clock += stage === 'c39-lines' ? 5 : 0), 1) };
    loop.round = { ...loop.round, next: index('qr-half') };
    expect((await decode(facts, loop, { cpp: 10, 'qr-half': 2, 'c39-lines': 6 })).ran).toEqual([
      'cpp',
      'qr-half',
    ]);
  });

  it('looks at no trigger and no stage’s parts once out of time (the JS stages’ locator is rescue work)', async () => {
    const loop = { round: createRescueRound(), until: clock + 5 };
    let looked = 0;
    const look = (): boolean => (looked++, true);
    const facts = {
      ...frame(),
      qrSeen: look,
      barsSeen: look,
      parts: (stage: StageName) => Number(stage === 'cpp' || look()),
    };
    expect((await decode(facts, loop, { cpp: 10 })).ran).toEqual(['cpp']);
    expect(looked).toBe(0);
    expect(loop.round.next).toBe(index('qr-half'));
  });

  it('spreads a stage in parts (one located region each) over frames, and goes on from the part it left', async () => {
    const loop = { round: createRescueRound() };
    loop.round.cost.set('c39-templates', 8); // a part's recent time
    const facts = { ...frame(false), parts: (stage: StageName) => (stage === 'c39-templates' ? 3 : 1) };
    const parts: string[] = [];
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const run = async (ms: Partial<Record<StageName, number>>, reads?: number) =>
      runStages(
        facts,
        (stage, part) => {
          parts.push(part === undefined ? stage : `${stage}#${part}`);
          clock += ms[stage] ?? 5;
          return stage === 'c39-templates' && part === reads ? card : null;
        },
        { round: loop.round },
        undefined,
      ).then(({ read, round }) => ((loop.round = round!), read));
    await run({ cpp: 10, 'qr-half': 4, 'c39-lines': 4 }); // 2 ms left: templates' first part waits.
    await run({ cpp: 10, 'c39-templates': 8 }); // the first rescue runs; the next part (8 ms) does not fit
    await run({ cpp: 10, 'c39-templates': 8 });
    expect(parts.filter((p) => p.startsWith('c39-templates'))).toEqual([
      'c39-templates#0',
      'c39-templates#1',
    ]);
    // The part that reads goes first on the next frame.
    expect(await run({ cpp: 10, 'c39-templates': 8 }, 2)).toEqual(card);
    expect([loop.round.next, loop.round.part]).toEqual([index('c39-templates'), 2]);
    parts.length = 0;
    await run({ cpp: 10, 'c39-templates': 8 }, 2);
    expect(parts).toEqual(['cpp#0', 'c39-templates#2']);
  });

  it('gives the parts before a part that keeps reading their turn (a card on the counter starves no region)', async () => {
    // c39-lines in two parts: region 1 holds a card already reported, read on every frame; region 0 the next card.
    const loop = { round: createRescueRound() };
    const facts = { ...frame(false), parts: (stage: StageName) => (stage === 'c39-lines' ? 2 : 1) };
    const parts: string[] = [];
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const run = () =>
      runStages(
        facts,
        (stage, part) => {
          parts.push(`${stage}#${part}`);
          clock += stage === 'cpp' ? 10 : 8; // one rescue part per frame fits
          return stage === 'c39-lines' && part === 1 ? card : null;
        },
        { round: loop.round },
        undefined,
      ).then(({ read, round }) => ((loop.round = round!), read));
    for (let i = 0; i < 6; i++) await run();
    const firstRead = parts.indexOf('c39-lines#1');
    expect(firstRead).toBeGreaterThan(0);
    expect(parts.slice(firstRead + 1)).toContain('c39-lines#0');
  });

  it('keeps a finder pair seen on an earlier frame of the round as the trigger of the later QR stages', async () => {
    const loop = { round: createRescueRound() };
    let seen = true;
    const facts = { ...frame(), qrSeen: () => seen };
    await decode(facts, loop, { cpp: 10, 'qr-half': 12 });
    expect(loop.round.qrSeen).toBe(true);
    seen = false; // qr-half does not run again on this frame, so this frame has seen nothing itself.
    const next = await decode(facts, loop, { cpp: 100 });
    expect(next.ran).toContain('qr-full');
  });

  it('starts the next frame with the rescue that read, and a new round after zxing-cpp read', async () => {
    const loop = { round: createRescueRound() };
    await decode(frame(), loop, { cpp: 10, 'qr-half': 12 });
    expect(loop.round.next).toBe(index('c39-lines'));
    const read = await decode(frame(), loop, { cpp: 10 }, 'c39-lines');
    expect(read.read).toEqual(card);
    expect((await decode(frame(), loop, { cpp: 10, 'c39-lines': 1 }, 'c39-lines')).ran).toEqual([
      'cpp',
      'c39-lines',
    ]);
    expect(await decode(frame(), loop, {}, 'cpp')).toEqual({ ran: ['cpp'], read: card });
    expect(loop.round).toMatchObject({ next: 0, qrSeen: false });
  });

  it('runs no rescue while the JS stages load, and resumes the round where it was', async () => {
    const loop = { round: { ...createRescueRound(), next: index('c39-lines') }, until: 1e9 };
    let loaded = false;
    const facts = { ...frame(), jsLoaded: () => loaded };
    expect((await decode(facts, loop, {})).ran).toEqual(['cpp']);
    expect(loop.round.next).toBe(index('c39-lines'));
    loaded = true;
    expect((await decode(facts, loop, {})).ran.slice(0, 2)).toEqual(['cpp', 'c39-lines']);
  });

  // Issue 50.2: zxing-cpp at the camera's rate. Given when the next frame is due, rescues run on the time left before
  // it and within zxing-cpp's own time; past that only on the round's credit, earned as a share of zxing-cpp's time:
  // over any run of frames the time they delay the next frame by is at most that share (and one rescue's overshoot).
  it('delays the camera’s frames by at most a share of zxing-cpp’s time, and still runs every rescue', async () => {
    const stageMs = fc.integer({ min: 1, max: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 12, maxLength: 12 }),
        fc.record(
          Object.fromEntries(STAGES.map((s) => [s.name, stageMs])) as Record<StageName, typeof stageMs>,
        ),
        async (spares, ms) => {
          const loop: { round: RescueRound; until?: number } = { round: createRescueRound() };
          // Every stage's time known (the round has seen it on earlier frames): the device's steady state.
          for (const [name, cost] of Object.entries(ms)) loop.round.cost.set(name as StageName, cost);
          let [late, cpp] = [0, 0];
          const rescued = new Set<StageName>();
          for (const spare of spares) {
            const start = clock;
            loop.until = start + spare;
            const { ran } = await decode(frame(), loop, ms);
            expect(ran[0]).toBe('cpp');
            ran.slice(1).forEach((stage) => rescued.add(stage));
            // Past the next frame and past twice zxing-cpp's time: what the rescues cost the camera's rate.
            late += Math.max(0, clock - Math.max(start + ms.cpp, Math.min(loop.until, start + 2 * ms.cpp)));
            cpp += ms.cpp;
          }
          expect(late).toBeLessThanOrEqual(RESCUE_SHARE * cpp + 40);
          // The first rescue (QR codes by halves) runs once the frames have earned its time, however little is left.
          if (RESCUE_SHARE * (cpp - ms.cpp) >= ms['qr-half']) expect(rescued.size).toBeGreaterThan(0);
        },
      ),
    );
  });

  // A QR code that is not a card in view: zxing-cpp reads it, the filter refuses it, and its search among several
  // symbols (inside zxing-cpp's stage, as decode-image.ts runs it) costs many times its first pass. It is rescue work:
  // it earns no credit, and once its cost is known it runs only when it fits before the next frame or on credit.
  // With the JS stages after zxing-cpp (18 ms each, timed: a full budget), they compete for the same credit: they must
  // not spend all of it while the search waits for its 80 ms, or a card beside a ticket is never read again on the loop.
  it.each([
    ['zxing-cpp alone (a lean budget)', true],
    ['with the JS stages (a full budget)', false],
  ])(
    'delays the frames by at most the share when the search among several symbols takes most of the time: %s',
    async (_, lean) => {
      vi.spyOn(performance, 'now').mockImplementation(() => clock);
      const [cppMs, symbolsMs, stageMs, gap] = [5, 80, 18, 50];
      let round = createRescueRound();
      for (const { name } of STAGES) round.cost.set(name, name === 'cpp' ? cppMs : stageMs);
      let [late, cpp, searches, rescues] = [0, 0, 0, 0];
      let firstCost: number | undefined;
      for (let f = 0; f < 200; f++) {
        const start = clock;
        const control = { round, until: start + gap };
        const staged = await runStages(
          frame(),
          (stage) => {
            if (stage !== 'cpp') return (rescues++, (clock += stageMs), null);
            clock += cppMs;
            // The QR code comes into view on the tenth frame.
            if (f >= 10 && mayRescueInside(control, 'cpp-symbols', cppMs)) {
              const at = clock;
              clock += symbolsMs;
              searches++;
              rescued(control, 'cpp-symbols', at, true);
              firstCost ??= round.cost.get('cpp-symbols');
            }
            return null;
          },
          control,
          undefined,
          lean ? (stage) => stage === 'cpp' : undefined,
        );
        round = staged.round as RescueRound;
        late += Math.max(0, clock - (start + gap));
        cpp += cppMs;
      }
      expect(firstCost, 'its cost, from its first (warm) run').toBe(symbolsMs);
      expect(late, 'past the next frames').toBeLessThanOrEqual(RESCUE_SHARE * cpp + symbolsMs + stageMs);
      expect(searches, 'on credit, still').toBeGreaterThan(2);
      expect(rescues > 0, 'the JS stages ran').toBe(!lean);
    },
  );
});
