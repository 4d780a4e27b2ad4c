// The four results and the shift end to end in Firefox (WebDriver BiDi) and WebKit (WebKitGTK), as
// element-results.e2e.test.ts and element-shift.e2e.test.ts run them in Chromium: the real sandbox, the demo box
// office with its strict CSP, real key events; every text checked in Finnish, Swedish and English, axe in each.
// (Undo on the result screen and "already used" at another terminal: engines.e2e.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedEngine } from '../support/e2e-shared.js';
import type { DriverEngine, EngineBrowser, EngineTab } from '../support/engine-driver.js';
import {
  axeViolations,
  confirm,
  part,
  press,
  ready,
  scan,
  until,
  useBoxOfficeStack,
} from '../support/engine-box-office.js';

const stack = useBoxOfficeStack();
const LANGS = ['fi', 'sv', 'en'] as const;
type Lang = (typeof LANGS)[number];

const HEADINGS: Record<string, Record<Lang, string>> = {
  registered: { fi: 'Kirjattu Kaikukantaan', sv: 'Registrerat i Kaikukanta', en: 'Registered in Kaikukanta' },
  refused: { fi: 'Lippua ei voi antaa', sv: 'Ingen biljett kan ges', en: 'No ticket can be given' },
  'already-used': {
    fi: 'Kortti on jo käytetty',
    sv: 'Kortet har redan använts',
    en: 'Card already used',
  },
  attention: {
    fi: 'Kaikukanta ei hyväksynyt käyttöä',
    sv: 'Kaikukanta godkände inte användningen',
    en: 'Kaikukanta did not accept the usage',
  },
};

const run = (tab: EngineTab, body: string) =>
  tab.run<unknown>(`const el = document.querySelector('kaiku-scanner');
  const root = el.shadowRoot; ${body}`);
const setScanner = (tab: EngineTab, props: Record<string, string>) =>
  run(tab, `Object.assign(el, ${JSON.stringify(props)}); return true;`);
/**
 * Sets each language and waits until `predicate` (over `root`) holds in it; axe runs once, back in Finnish (what it
 * checks is the DOM, the same in every language: the Chromium suite runs it in all three, element-results).
 */
async function inEachLanguage(tab: EngineTab, predicate: (lang: Lang) => string): Promise<void> {
  for (const lang of LANGS) {
    await setScanner(tab, { lang });
    await until(tab, predicate(lang));
  }
  await setScanner(tab, { lang: 'fi' });
  await until(tab, predicate('fi'));
  expect(await axeViolations(tab), 'axe').toEqual([]);
}

/** The banner on screen is `verdict`: its icon's shape, headings in fi/sv/en, axe clean in each; its fill. */
async function banner(tab: EngineTab, verdict: string, timeoutMs = 20_000): Promise<string> {
  const sel = `root.querySelector('[data-verdict="${verdict}"]')`;
  await until(tab, sel, timeoutMs);
  await inEachLanguage(
    tab,
    (lang) => `${sel}.querySelector('h3').textContent.trim() === ${JSON.stringify(HEADINGS[verdict]![lang])}`,
  );
  return (await run(
    tab,
    `const b = ${sel};
    return b.querySelector('svg').getAttribute('data-shape') + ' ' + getComputedStyle(b).backgroundColor;`,
  )) as string;
}

const list = `[...root.querySelectorAll('.shift-list li')]`;
const states = (...s: string[]) => `${list}.map((li) => li.dataset.state).join() === '${s.join()}'`;
const undoOf = (cardId: string) =>
  `${list}.find((li) => li.textContent.includes('${cardId.slice(-4)}'))?.querySelector('[data-undo]')`;

/** Registers a card (no children) and goes on to the next customer. */
async function register(ctx: { skip(note?: string): void }, tab: EngineTab, cardId: string): Promise<void> {
  await scan(ctx, tab, cardId, part('tickets'));
  await confirm(tab);
  await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'registered'`);
  await press(tab, 'Enter');
  await until(tab, `root.querySelector('#manual')`);
}

describe.each(['firefox', 'webkit'] as DriverEngine[])('results and the shift in %s', (engine) => {
  let browser: EngineBrowser;

  beforeAll(async () => {
    browser = await sharedEngine(engine);
  });

  it('registered, refused, already used and needs attention: each its own shape and colour, in fi/sv/en, axe clean', async (ctx) => {
    const s = await browser.session();
    try {
      const tab = await ready(await s.open(stack.boxOffice('fi')));
      const seen = new Set<string>();
      await scan(ctx, tab, 'A045198723', part('tickets'));
      await confirm(tab);
      seen.add(await banner(tab, 'registered'));
      await press(tab, 'Enter');
      await until(tab, `root.querySelector('#manual')`);

      await scan(ctx, tab, 'A999005416', part('refusal'));
      seen.add(await banner(tab, 'refused'));
      await press(tab, 'Escape');
      await until(tab, `root.querySelector('#manual')`);

      await scan(ctx, tab, 'A045198723', part('refusal'));
      seen.add(await banner(tab, 'already-used'));
      await press(tab, 'Escape');
      await until(tab, `root.querySelector('#manual')`);

      // Queued while Kaikukanta is out of reach, refused when it is sent: the clerk must settle it.
      await stack.proxy.offline();
      await scan(ctx, tab, 'A999000001', part('tickets'));
      await confirm(tab);
      await until(tab, part('queued-badge'), 30_000);
      await stack.proxy.online();
      seen.add(await banner(tab, 'attention', 60_000));

      expect([...seen].map((x) => x.split(' ')[0])).toEqual([
        'registered',
        'refused',
        'already-used',
        'attention',
      ]);
      expect(new Set([...seen].map((x) => x.slice(x.indexOf(' ')))).size).toBe(4);
      expect(await stack.usageCount('A045198723')).toBe(1);
    } finally {
      await stack.proxy.online();
      await s.close();
    }
  });

  it('the shift: counters, undo from the list, its report; after a reload still there, for this venue and terminal only', async (ctx) => {
    const s = await browser.session();
    try {
      const tab = await ready(await s.open(stack.boxOffice('fi')));
      await setScanner(tab, { terminalName: 'Kassa 2' });
      await register(ctx, tab, 'A045198723');
      await register(ctx, tab, 'A999005458');
      await scan(ctx, tab, 'A999005416', part('refusal'));
      await press(tab, 'Escape');
      await run(tab, `root.querySelector('[part~="shift"] summary').click(); return true;`);
      await until(tab, states('registered', 'registered', 'refused'));
      const today = `[...root.querySelectorAll('.shift-counts .count-row:first-of-type dd')].map((td) => td.textContent.trim()).join()`;
      expect(await run(tab, `return ${today};`)).toBe('2,0,0,1,0');
      const undo = undoOf('A999005458');
      const labels = {
        fi: 'Peru: A999005458, Aikuisia 1, lapsia 0.',
        sv: 'Ångra: A999005458, Vuxna 1, barn 0.',
        en: 'Undo: A999005458, Adults 1, children 0.',
      };
      await inEachLanguage(tab, (lang) => `${undo}.textContent.trim() === '${labels[lang]}'`);
      // The report, as printed: the usage report's columns, each show's total, the shift's.
      const report = `[...root.querySelectorAll('.shift-report tr')].map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent.trim()).join('|')).join('\\n')`;
      expect(await run(tab, `return ${report};`)).toBe(
        [
          'Kortin tunnus|Lippu aikuiselle|Lippu lapselle|Esityksen nimi',
          'A045198723|1|0|Taikuri Matti',
          'A999005458|1|0|Taikuri Matti',
          'Yhteensä|2|0|Taikuri Matti',
          'Yhteensä|2|0|',
        ].join('\n'),
      );
      await run(tab, `${undo}.click(); return true;`);
      await until(tab, states('registered', 'voided', 'refused'));
      expect(await stack.usageCount('A999005458')).toBe(0);
      await inEachLanguage(
        tab,
        (lang) =>
          `${list}[1].querySelector('.badge').textContent.trim() === '${{ fi: 'peruttu', sv: 'ångrad', en: 'undone' }[lang]}'`,
      );
      expect(await run(tab, `return JSON.stringify(localStorage);`)).toMatch(/A045198723/);

      // The page again (same browser storage), the same terminal: the shift is there, its card IDs whole.
      const again = await ready(await s.open(stack.boxOffice('fi')));
      await setScanner(again, { terminalName: 'Kassa 2' });
      await run(again, `root.querySelector('[part~="shift"] summary').click(); return true;`);
      await until(again, states('registered', 'voided', 'refused'));
      expect(await run(again, `return root.querySelector('.shift-list').textContent;`)).toContain(
        'A045198723',
      );
      await run(again, `${undoOf('A045198723')}.click(); return true;`);
      await until(again, states('voided', 'voided', 'refused'));
      expect(await stack.usageCount('A045198723')).toBe(0);
      await setScanner(again, { venueId: 'toinen-paikka' });
      await until(again, `${list}.length === 0 && ${today} === '0,0,0,0,0'`);
      await setScanner(again, { venueId: 'teatteri-hilla', terminalName: 'Kassa 3' });
      await until(again, `${list}.length === 0`);
    } finally {
      await s.close();
    }
  });
});
