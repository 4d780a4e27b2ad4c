// Size benchmark: our bundles beside html5-qrcode's, all built the same way in the same run (esbuild, minified,
// ESM, code splitting, gzip level 9). "Initial" is what a page downloads before anything is import()-ed; "first
// session" adds what the element loads right after it paints (services, texts, card panel; Finnish, no camera);
// "all chunks" adds the lazily loaded languages, calibration and camera/decoder chunks.
// @ts-expect-error plain .mjs without types
import { BUDGET_BYTES, CEILINGS, measure } from '../scripts/size.mjs';

type Size = {
  initial: number;
  session: number;
  withoutDecoders: number;
  zodShare: number;
  total: number;
  chunks: number;
};

const cases: Array<[string, string, { published?: boolean }?]> = [
  ['kaiku-scanner element + core', "import 'kaiku-scanner';"],
  ['kaiku-scanner element + core (published build)', "import 'kaiku-scanner';", { published: true }],
  [
    '@kaiku-scanner/core: parseCardId only',
    "import { parseCardId } from '@kaiku-scanner/core'; (globalThis as any).p = parseCardId;",
  ],
  [
    '@kaiku-scanner/core: wedge + API client + outbox (headless POS)',
    "import { createWedgeListener } from '@kaiku-scanner/core/wedge'; import { createApiClient } from '@kaiku-scanner/core'; import { createOutbox } from '@kaiku-scanner/core/outbox'; (globalThis as any).p = [createWedgeListener, createApiClient, createOutbox];",
  ],
  [
    '@kaiku-scanner/core: camera scanning',
    "import { startCameraScan } from '@kaiku-scanner/core/camera'; (globalThis as any).p = startCameraScan;",
  ],
  [
    'html5-qrcode: Html5Qrcode (camera API)',
    "import { Html5Qrcode } from 'html5-qrcode'; (globalThis as any).p = Html5Qrcode;",
  ],
  [
    'html5-qrcode: Html5QrcodeScanner (with its UI)',
    "import { Html5QrcodeScanner } from 'html5-qrcode'; (globalThis as any).p = Html5QrcodeScanner;",
  ],
];

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const rows: Record<string, string | number>[] = [];
for (const [name, src, options = {}] of cases) {
  try {
    const m = (await measure(name.replace(/\W+/g, '-'), src, options)) as Size;
    rows.push({
      bundle: name,
      'initial min+gz': kb(m.initial),
      'first session': kb(m.session),
      'without decoders': kb(m.withoutDecoders),
      'zod ≈': kb(m.zodShare),
      'all chunks': kb(m.total),
      chunks: m.chunks,
    });
  } catch (e) {
    rows.push({
      bundle: name,
      'initial min+gz': `build failed: ${(e as Error).message.split('\n')[0]}`,
      'all chunks': '',
      chunks: 0,
    });
  }
}
console.table(rows);
console.log(
  `Target: kaiku-scanner element + core initial ≤ ${kb(BUDGET_BYTES)} min+gz, enforced by npm test ` +
    `(\`node scripts/size.mjs --strict\`, with a no-growth ceiling of ${kb(CEILINGS['element + core'])}).`,
);
