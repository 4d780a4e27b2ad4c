/**
 * Issue 11.3: every public function that takes an options object refuses an option it does not know, naming it
 * and the option it probably meant (fi/sv/en), instead of ignoring it and silently keeping the default.
 */
import { describe, expect, it } from 'vitest';
import {
  createApiClient,
  createHttpTransport,
  isKaikuError,
  localize,
  parseCardId,
  toUsageReportCsv,
} from '../index.js';
import { createOutbox } from '../outbox-entry.js';
import { createWedgeListener } from '../input/wedge/index.js';
import { createStrictStore } from '../outbox/strict-store.js';
import { decodeImage } from '../input/decode/index.js';
import { startCameraScan } from '../input/camera/index.js';
import { exportUsageReport, importSalesReport, parseReportDate } from '../reports/index.js';
import { OptionsError, optionKeys } from './options-error.js';

const getToken = (): string => 'token';
const baseUrl = 'http://localhost:8787/';

/** The refusal a call threw (sync) or rejected with (async). */
async function refusal(call: () => unknown): Promise<OptionsError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return error as OptionsError;
  }
  throw new Error('the call accepted the options');
}

type Case = readonly [where: string, call: () => unknown, path: string, suggestion: string | undefined];

const cases: readonly Case[] = [
  ['createApiClient', () => createApiClient({ baseURL: baseUrl, getToken } as never), 'baseURL', 'baseUrl'],
  [
    'createApiClient',
    () => createApiClient({ baseUrl, getToken, timeout: 5 } as never),
    'timeout',
    'timeoutMs',
  ],
  [
    'createApiClient',
    () => createApiClient({ baseUrl, getToken, retries: 0 } as never),
    'retries',
    undefined,
  ],
  [
    'createApiClient',
    () => createApiClient({ baseUrl, getToken, retry: { limt: 0 } } as never),
    'retry.limt',
    'limit',
  ],
  [
    'lookupCard',
    () => createApiClient({ baseUrl, getToken }).lookupCard('A045198723', { sinal: undefined } as never),
    'sinal',
    'signal',
  ],
  [
    'registerUsage',
    () => createApiClient({ baseUrl, getToken }).registerUsage({} as never, { idempotencykey: 'k' } as never),
    'idempotencykey',
    'idempotencyKey',
  ],
  ['createHttpTransport', () => createHttpTransport({ baseUrl, fetsh: fetch } as never), 'fetsh', 'fetch'],
  [
    'createOutbox',
    () => createOutbox({ clinet: createApiClient({ baseUrl, getToken }) } as never),
    'clinet',
    'client',
  ],
  [
    'createOutbox',
    () => createOutbox({ target: { baseUrl, venue: 'v1' }, autoSync: false } as never),
    'target.venue',
    'venueId',
  ],
  [
    'createOutbox',
    () => createOutbox({ target: { baseUrl }, backoff: { baseMs: 1, max: 2 } } as never),
    'backoff.max',
    'maxMs',
  ],
  [
    'createStrictStore',
    () => createStrictStore('db', 'store', { timeoutMs: 5 } as never),
    'timeoutMs',
    'openTimeoutMs',
  ],
  ['toUsageReportCsv', () => toUsageReportCsv([], { delimiter: ',' } as never), 'delimiter', undefined],
  [
    'parseCardId',
    () => parseCardId('A045198723', { checkcharacter: 'verify' } as never),
    'checkcharacter',
    'checkCharacter',
  ],
  [
    'createWedgeListener',
    () => createWedgeListener({ target: new EventTarget(), onScan: () => {}, maxInterKey: 40 } as never),
    'maxInterKey',
    'maxInterKeyMs',
  ],
  [
    'createWedgeListener',
    () =>
      createWedgeListener({
        target: new EventTarget(),
        onScan: () => {},
        cardIdOptions: { check: 'verify' },
      } as never),
    'cardIdOptions.check',
    'checkCharacter',
  ],
  [
    'calibrate',
    () =>
      createWedgeListener({ target: new EventTarget(), onScan: () => {} }).calibrate({
        expectedID: 'A045198723',
      } as never),
    'expectedID',
    'expectedId',
  ],
  [
    'createWedgeListener',
    () => createWedgeListener({ onScan: () => {}, termintor: 'Tab' } as never),
    'termintor',
    'terminator',
  ],
  [
    'createWedgeListener',
    () => createWedgeListener({ onScan: () => {}, onerror: () => {} } as never),
    'onerror',
    'onError',
  ],
  ['decodeImage', () => decodeImage({} as never, { format: ['qr'] } as never), 'format', 'formats'],
  ['startCameraScan', () => startCameraScan({ onScan: () => {}, beeb: true } as never), 'beeb', 'beep'],
  [
    'startCameraScan',
    () => startCameraScan({ onScan: () => {}, cardIdOptions: { checkCharacters: 'strip' } } as never),
    'cardIdOptions.checkCharacters',
    'checkCharacter',
  ],
  [
    'importSalesReport',
    () => importSalesReport(new Uint8Array(), { venueId: 'v', dryrun: true } as never),
    'dryrun',
    'dryRun',
  ],
  [
    'exportUsageReport',
    () => exportUsageReport({ format: 'csv', rows: [], separator: ';' } as never),
    'separator',
    undefined,
  ],
  ['parseReportDate', () => parseReportDate('3.2.2020', { date1940: true } as never), 'date1940', 'date1904'],
];

describe('option bags: an unknown option is refused by name', () => {
  it.each(cases.map(([where, call, path, suggestion]) => ({ where, call, path, suggestion })))(
    '$where refuses `$path`',
    async ({ where, call, path, suggestion }) => {
      const error = await refusal(call);
      expect(isKaikuError(error)).toBe(true);
      expect(error.code).toBe('unknown-field');
      expect(error.params.where).toBe(where);
      expect(error.params.path).toBe(path);
      expect(error.params.suggestion).toBe(suggestion);
      expect(error.message).toContain(`${where}: \`${path}\``);
      if (suggestion) expect(error.message).toContain(`did you mean \`${suggestion}\``);
    },
  );

  it('renders the refusal in Finnish, Swedish and English', async () => {
    const error = await refusal(() => createApiClient({ baseURL: baseUrl, getToken } as never));
    expect(localize(error, 'fi')).toBe('Tuntematon kenttä `baseURL`. Tarkoititko `baseUrl`?');
    expect(localize(error, 'sv')).toBe('Okänt fält `baseURL`. Menade du `baseUrl`?');
    expect(localize(error, 'en')).toBe('`baseURL` is not a field; did you mean `baseUrl`?');
  });

  it('lists every unknown option, and accepts every known one', async () => {
    const error = await refusal(() =>
      createApiClient({ baseUrl, getToken, timeout: 1, retries: 1, fetch } as never),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['timeout', 'retries']);
    expect(() =>
      createApiClient({
        baseUrl,
        getToken,
        fetch,
        timeoutMs: 1,
        maxResponseBytes: 10,
        retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        allowInsecureHttp: false,
      }),
    ).not.toThrow();
    expect(parseCardId('A045198723', { checkCharacter: 'off' }).ok).toBe(true);
    expect(toUsageReportCsv([], { locale: 'en', separator: ',', bom: false })).toContain('Card ID');
  });

  it('never puts an option value in the refusal', async () => {
    const error = await refusal(() => createApiClient({ baseUrl, getToken, cardId: 'A045198723' } as never));
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('A045198723');
  });

  it('builds the known-option record from names, refusing a missing or an unknown name at compile time', () => {
    type Bag = { readonly a?: number; readonly b: string };
    expect(optionKeys<Bag>()('a b')).toEqual({ a: true, b: true });
    // @ts-expect-error `b` is missing
    expect(optionKeys<Bag>()('a')).toEqual({ a: true });
    // @ts-expect-error `c` is not an option
    expect(optionKeys<Bag>()('a b c')).toEqual({ a: true, b: true, c: true });
  });
});
