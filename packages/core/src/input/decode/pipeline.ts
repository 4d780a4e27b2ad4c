/**
 * `decodeImage`'s pipeline: its stages in the order they run and what triggers each, in one table. The first stage
 * whose text the caller accepts ends the run. docs/decoding.md says what each stage is for; a stage stays only while
 * it reads frames no other stage reads on seeds no stage was tuned on (`npm run bench decode-ablation`).
 */
import type { DecodeResult } from './types.js';

/** What the triggers look at: the call's options and what earlier stages saw in this frame. */
export type FrameFacts = {
  readonly wantQr: boolean;
  readonly want39: boolean;
  readonly thorough: boolean;
  /** The frame is at least 600 px on its short side (720p and up). */
  readonly big: boolean;
  /** zxing-cpp runs on this frame (else the JS stages read it alone: WebAssembly blocked, or `engine: 'js'`). */
  readonly cpp: boolean;
  /** A JS QR stage saw two finder patterns of one card-sized QR code and did not read it. */
  readonly qrSeen: () => boolean;
  /** The Code 39 locator found a bar-code region whose lines read no other barcode. */
  readonly barsSeen: () => boolean;
  /** The parts a rescue round may spread a stage over (`c39-lines`, `c39-templates`: one per region), else 1. */
  readonly parts?: (stage: StageName) => number;
  /** The JS stages' module has loaded (or failed to): a camera frame never waits for it, its round does. */
  readonly jsLoaded?: () => boolean;
};

/** A frame's facts: from the call's options, the frame's size, the engine, and what the JS stages see (lazily). */
export const frameFacts = (
  options: { readonly formats: readonly string[]; readonly effort: string },
  size: { readonly width: number; readonly height: number },
  cpp: boolean,
  seen: Pick<FrameFacts, 'qrSeen' | 'barsSeen' | 'parts' | 'jsLoaded'>,
): FrameFacts => ({
  wantQr: options.formats.includes('qr_code'),
  want39: options.formats.includes('code_39'),
  thorough: options.effort === 'thorough',
  big: Math.min(size.width, size.height) >= 600,
  cpp,
  ...seen,
});

type When = (f: FrameFacts) => boolean;
/** The JS rescue of a QR code zxing-cpp did not read, in `fast`. */
const qrRescue: When = (f) => f.wantQr && !f.thorough;
const jsQr: When = (f) => f.wantQr && !f.cpp;
const bars: When = (f) => f.want39 && f.barsSeen();
// zxing-cpp on the flattened frame (QR codes only): on stills, and in `fast` where the JS stages saw a symbol they did
// not read — a finder pair, or a bar-code region (a defocused QR code locates as one: `decode-evidence`).
const flat: When = (f) => f.cpp && f.wantQr && (f.thorough || f.qrSeen() || f.barsSeen());

/** The stages, in order (docs/decoding.md, "The pipeline"): `cpp*` zxing-cpp's, the others `zxing-decoder.ts`'s. */
export const STAGES = [
  { name: 'cpp', when: (f: FrameFacts) => f.cpp },
  { name: 'qr-half', when: (f: FrameFacts) => jsQr(f) || qrRescue(f) },
  { name: 'c39-lines', when: (f: FrameFacts) => f.want39 },
  // After zxing-cpp only where a finder pair was seen.
  { name: 'qr-full', when: (f: FrameFacts) => f.big && (f.cpp ? qrRescue(f) && f.qrSeen() : f.wantQr) },
  { name: 'qr-invert', when: jsQr },
  { name: 'qr-stretched', when: jsQr },
  {
    name: 'qr-flat',
    when: (f: FrameFacts) => (f.cpp ? qrRescue(f) && f.qrSeen() : jsQr(f) && (!f.big || f.thorough)),
  },
  { name: 'c39-templates', when: bars },
  { name: 'c39-templates-flat', when: bars },
  { name: 'cpp-flat', when: flat },
  { name: 'cpp-flat-fixed', when: flat },
  { name: 'cpp-flat-histogram', when: flat },
] as const;

export type StageName = (typeof STAGES)[number]['name'];

/** The stages the JS decoder implements (all but zxing-cpp's). */
export type JsStageName = Exclude<StageName, `cpp${string}`>;

/** Strategies inside stages, each switched off as a whole (docs/decoding.md, "Strategies inside stages"). */
export const STRATEGIES = [
  'cpp-symbols',
  'qr-finders',
  'c39-tolerant',
  'c39-sharpened',
  'c39-profile-flat',
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** What a round times: its stages (parts), the search among several symbols, the glare's own locator. */
export type RescueName = StageName | 'cpp-symbols' | 'glare';

/** A camera loop's rescue budget (docs/camera.md): where its rescues go on, what they cost, its credit. */
export type RescueRound = {
  /** Index in `STAGES` of the rescue the next frame starts with (0: a new round), and its part there. */
  readonly next: number;
  readonly part: number;
  /** A QR stage of this round saw a finder pair (the trigger of the later QR stages, on the frames after it). */
  readonly qrSeen: boolean;
  /** The previous frame ended on a read there (not on the budget): `next` and `part` are the rescue that read. */
  readonly held?: boolean;
  /** Each rescue's (stage part's) recent time on this device (moving average, ms): whether it ends within the budget. */
  readonly cost: Map<RescueName, number>;
  /**
   * Time rescues may still take past their frame's (ms), earned by frames, spent by rescues (`RESCUE_SHARE`);
   * `taken`: rescue work's time on this frame, so the search among several symbols, inside zxing-cpp's stage, earns none;
   * `deferred`: that search waited for time on this frame (`mayRescueInside`).
   */
  readonly credit: { ms: number; glareWaits: number; taken: number; deferred: boolean };
};

/** A stage's read; `strong`: a Code 39 read on both sides of the bars' middle (`readCode39`), worth two frames. */
export type StageRead = DecodeResult & { readonly strong?: boolean };

/** What a frame's stages end with: the first read, and the round the next frame goes on with (when one was given). */
export type Staged = { readonly read: StageRead | null; readonly round?: RescueRound };

/** The share of zxing-cpp's time by which rescue work may delay a camera loop's frames (`RescueRound.credit`). */
export const RESCUE_SHARE = 0.25;

/** A new loop's rescue round. */
export const createRescueRound = (): RescueRound => ({
  ...NEW_ROUND,
  cost: new Map(),
  credit: { ms: 0, glareWaits: 0, taken: 0, deferred: false },
});
const NEW_ROUND = { next: 0, part: 0, qrSeen: false };

/** Internal (the ablation bench, tests, the camera): switches, a report of every stage that ran, a rescue round. */
export type PipelineControl = {
  /** Stages and strategies switched off. */
  readonly off?: ReadonlySet<StageName | StrategyName>;
  /** Run every stage whose trigger holds, also after a read (the first read is still the answer). */
  readonly exhaustive?: boolean;
  /** Called after each stage that ran: what it read (accepted by the filter) and how long it took. */
  readonly onStage?: (stage: StageName, read: DecodeResult | null, ms: number) => void;
  /** The camera's per-frame budget. */
  readonly round?: RescueRound;
  /** When the camera's next frame is due (`performance.now()`): no rescue past it but on the round's credit. */
  readonly until?: number | undefined;
  /** `false`: zxing-cpp's pass alone, the JS stages not even loaded (where zxing-cpp runs; a camera measuring its device). */
  readonly rescue?: boolean;
};

type Control = PipelineControl | undefined;
/** Whether rescue work of `ms` (else `guess`) ends before `end` (the next frame), or the round's credit covers it. */
export const mayRescue = (control: Control, ms: number, end = control?.until ?? Infinity, guess = ms) =>
  performance.now() + ms < end || (control?.round?.credit.ms ?? 0) >= Math.max(guess, 1);

/** Spends the round's credit on rescue work started at `started` for its time past `end` (the next frame). */
function spendCredit(control: Control, started: number, end = control?.until ?? Infinity): void {
  if (control?.round) control.round.credit.ms -= Math.max(0, performance.now() - Math.max(started, end));
}

/**
 * Whether rescue work `name` inside a stage (zxing-cpp's search among several symbols) may run now, as `mayRescue` on
 * its learnt cost (else `guess`). When it may not, the round waits with it: no rescue after it runs on this frame, so
 * the cheaper JS stages cannot spend every credit it waits for.
 */
export function mayRescueInside(control: Control, name: RescueName, guess: number): boolean {
  const may = mayRescue(control, control?.round?.cost.get(name) ?? guess);
  if (!may && control?.round) control.round.credit.deferred = true;
  return may;
}

/**
 * Rescue work `name` started at `started` ended now: its cost learnt (`warm`: its first run is not a cold one), its time
 * taken on this frame, the round's credit spent (`spendCredit`).
 */
export function rescued(control: Control, name: RescueName, started: number, warm = false): void {
  const round = control?.round;
  const ms = performance.now() - started;
  if (round) {
    learn(round, name, ms, warm);
    round.credit.taken += ms;
  }
  spendCredit(control, started);
}

/** Records a rescue's time in its recent cost (a first, cold run's as at most zxing-cpp's), returns the cost before. */
function learn(round: RescueRound, name: RescueName, ms: number, warm = false): number {
  const recent = round.cost.get(name) ?? (warm ? ms : Math.min(ms, round.cost.get('cpp') ?? ms));
  round.cost.set(name, 0.7 * recent + 0.3 * ms);
  return recent;
}

/** Whether a strategy (or stage) is switched on. */
export const enabled = (control: PipelineControl | undefined, name: StageName | StrategyName): boolean =>
  control?.off?.has(name) !== true;

/** Runs `engine`'s (or all) triggered, enabled stages in order, within the round's budget; first read wins. */
export async function runStages(
  frame: FrameFacts,
  run: (stage: StageName, part?: number) => StageRead | null | Promise<StageRead | null>,
  control: PipelineControl | undefined,
  signal: AbortSignal | undefined,
  only?: (stage: StageName) => boolean,
): Promise<Staged> {
  const round = control?.round;
  const facts = round ? { ...frame, qrSeen: () => round.qrSeen || frame.qrSeen() } : frame;
  let first: StageRead | null = null;
  // When the rescues must have ended (wall clock: what a stage's parts and images cost counts too); set by zxing-cpp.
  let deadline = Number.POSITIVE_INFINITY;
  const until = control?.until;
  let ran = 0;
  let earned = 0;
  // Where the next frame starts: this stage and part.
  let resume = { next: 0, part: 0 };
  // After zxing-cpp: the JS stages loading, or out of time (a first rescue runs where the next frame's is not known).
  // A rescue not yet timed on this device runs while there is time left, but not while the round is in debt: a first,
  // cold run (its code compiling) that overran puts it there, and a starved device would otherwise pay one more on
  // every frame (issue 66: cpu4, 6 of 13 frames decoded in the first full window).
  const cost = (name: StageName): number | undefined => round?.cost.get(name);
  const wait = (name: StageName): boolean =>
    ran > 0 &&
    round !== undefined &&
    (facts.jsLoaded?.() === false ||
      (ran > Number(until === undefined) &&
        (!mayRescue(control, cost(name) ?? 0, deadline, cost(name) ?? cost('cpp')) ||
          (cost(name) === undefined && round.credit.ms < 0))));
  const partsOf = (name: StageName): number => (round === undefined ? 1 : (facts.parts?.(name) ?? 1));
  stages: for (const [index, { name, when }] of STAGES.entries()) {
    if (round !== undefined && index > 0 && index < round.next) continue;
    if ((only !== undefined && !only(name)) || !enabled(control, name)) continue;
    // Its trigger and its parts are rescue work too (the JS stages' locator): looked at only with the time for it.
    let parts = Number.POSITIVE_INFINITY;
    let begun = performance.now();
    for (let part = index === round?.next ? round.part : 0; part < parts; part++) {
      if (parts === Infinity && !wait(name)) parts = !when(facts) ? 0 : partsOf(name);
      if (part >= parts) {
        spendCredit(control, begun, deadline);
        continue stages;
      }
      if (wait(name)) {
        resume = { next: index, part }; // This part, and the rest, on the next frame.
        break stages;
      }
      signal?.throwIfAborted();
      if (round) Object.assign(round.credit, { taken: 0, deferred: false });
      const started = performance.now();
      const read = await (round === undefined ? run(name) : run(name, part));
      const whole = performance.now() - started;
      control?.onStage?.(name, read, whole);
      // zxing-cpp's own time: its search among several symbols, a rescue inside its stage, is not.
      const ms = whole - (round?.credit.taken ?? 0);
      if (round !== undefined) {
        const recent = learn(round, name, ms);
        // The rescues' time: zxing-cpp's on this frame, no more than its recent time, and none past the next frame
        // (without zxing-cpp, as in the JS engine, none); past that a rescue spends the round's credit.
        if (name !== 'cpp') spendCredit(control, begun, deadline);
        else {
          deadline = Math.min(until ?? deadline, started + ms + Math.min(ms, recent));
          earned = ms;
        }
      }
      begun = performance.now();
      ran += 1;
      if (read === null && round?.credit.deferred) {
        resume = { next: round.next, part: round.part }; // The round waits with the search inside zxing-cpp's stage.
        break stages;
      }
      if (read === null) continue;
      first ??= read;
      // A rescue that read goes first on the next frame: the card held in view is read again at once. A part that read
      // again there gives its stage's first parts a turn: a card lying in view must not hide a region before it.
      const again = round?.held === true && index === round.next && part === round.part;
      resume = { next: index, part: again ? 0 : part };
      if (control?.exhaustive !== true) break stages;
    }
  }
  if (!round) return { read: first };
  // Earned for later frames, within twice the costliest part's time: no burst of rescues, nor a long debt.
  const most = 2 * Math.max(...round.cost.values());
  round.credit.ms = Math.max(-most, Math.min(most, round.credit.ms + RESCUE_SHARE * earned));
  const qrSeen = resume.next > 0 && (round.qrSeen || (ran > 1 && frame.qrSeen()));
  // A read on this frame: the round holds at the rescue that read.
  return { read: first, round: { ...round, ...resume, held: first !== null, qrSeen } };
}
