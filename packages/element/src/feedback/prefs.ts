/** The clerk's settings for this terminal, kept in `localStorage`: three flags, nothing about a person. */
export type TerminalPrefs = Readonly<{ sound: boolean; vibration: boolean; privacy: boolean }>;

const KEY = 'kaiku-scanner:prefs';
const DEFAULTS: TerminalPrefs = { sound: true, vibration: true, privacy: false };
let current: TerminalPrefs | undefined;

/** The settings in force: read from storage once, the defaults for anything missing or unreadable. */
export function currentPrefs(): TerminalPrefs {
  if (current) return current;
  let saved: Partial<Record<keyof TerminalPrefs, unknown>> = {};
  try {
    saved = JSON.parse(globalThis.localStorage.getItem(KEY) ?? '{}') as typeof saved;
  } catch {
    // the defaults
  }
  const flag = (k: keyof TerminalPrefs): boolean => (typeof saved[k] === 'boolean' ? saved[k] : DEFAULTS[k]);
  return (current = { sound: flag('sound'), vibration: flag('vibration'), privacy: flag('privacy') });
}

/** A card ID with all but its last four characters hidden (privacy mode): `A045198723` → `••••••8723`. */
export const maskCardId = (id: string): string => '•'.repeat(Math.max(0, id.length - 4)) + id.slice(-4);

/** How the screen shows a card ID under the clerk's settings: whole, or masked in privacy mode. */
export const showCardId = (): ((id: string) => string) => (currentPrefs().privacy ? maskCardId : String);

/** Changes the settings, and keeps them for the next visit. */
export function savePrefs(prefs: TerminalPrefs): void {
  current = prefs;
  try {
    globalThis.localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // this page only
  }
}
