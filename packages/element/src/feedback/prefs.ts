/**
 * The clerk's settings for this terminal (sound, vibration, privacy mode), kept in `localStorage` so they survive
 * a reload. Three flags and nothing else: no card ID, no name, nothing about a person.
 */
export type TerminalPrefs = {
  readonly sound: boolean;
  readonly vibration: boolean;
  readonly privacy: boolean;
};

export const DEFAULT_PREFS: TerminalPrefs = { sound: true, vibration: true, privacy: false };
const KEY = 'kaiku-scanner:prefs';

function store(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // blocked site data: the settings last until the page closes
  }
}

/** The stored settings; the defaults for anything missing or unreadable. */
export function loadPrefs(): TerminalPrefs {
  try {
    const saved = JSON.parse(store()?.getItem(KEY) ?? '{}') as Partial<Record<keyof TerminalPrefs, unknown>>;
    const pick = (k: keyof TerminalPrefs): boolean =>
      typeof saved[k] === 'boolean' ? saved[k] : DEFAULT_PREFS[k];
    return { sound: pick('sound'), vibration: pick('vibration'), privacy: pick('privacy') };
  } catch {
    return DEFAULT_PREFS;
  }
}

let current: TerminalPrefs | undefined;

/** The settings in force (read from storage once). */
export function currentPrefs(): TerminalPrefs {
  return (current ??= loadPrefs());
}

/** Changes the settings, and keeps them for the next visit. */
export function savePrefs(prefs: TerminalPrefs): void {
  current = prefs;
  try {
    store()?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Full or blocked storage: the setting holds for this page only.
  }
}
