import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizedText, OutboxState, ReportFile, ScannerServices } from '../services/types.js';
import type { KaikuReportExportedDetail } from '../events.js';
import type { UiLocale } from '../translations/index.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';
import type { ViewContext } from './view-context.js';

/** What the panel calls: download as CSV or XLSX, or send a kept register through the outbox. */
export type RegisterHandlers = {
  /** `again`: a file the register's usages went into (`register.files`), downloaded again under its name. */
  readonly onExport: (format: 'csv' | 'xlsx', again?: string) => void;
  readonly onHandOver: () => void;
  /** The usages in the last file downloaded, to say so. */
  readonly lastExported: number | undefined;
};

/** An empty file is not offered: a download needs an open usage. */
const FORMATS = ['csv', 'xlsx'] as const;

/** The register's open usages and the "download for Kaikukanta" buttons; in hand-over mode also "send". */
export function renderRegisterPanel(
  { text, fmt }: ViewContext,
  register: OutboxState['register'],
  h: RegisterHandlers,
): TemplateResult | typeof nothing {
  if (!register || (register.mode === 'hand-over' && register.open === 0 && !register.exported))
    return nothing;
  const R = REGISTER_TEXTS;
  const said = (f: (n: number, shown: string) => LocalizedText, n: number) => text(f(n, fmt.number(n)));
  const open = register.open;
  return html`<section
    part="register"
    class="notice"
    data-register=${register.mode}
    data-open=${register.open}
    data-exported=${register.exported ?? 0}
  >
    <p>${open === 0 ? text(R.none) : said(register.mode === 'register' ? R.open : R.handOver, open)}</p>
    ${register.exported ? html`<p data-exported-note>${said(R.alreadyExported, register.exported)}</p>` : nothing}
    <div class="actions">
      ${register.mode === 'hand-over' && register.open > 0 ? html`<button type="button" class="primary" data-hand-over @click=${h.onHandOver}>${text(R.send)}</button>` : nothing}
      ${open > 0 ? FORMATS.map((f) => html`<button type="button" data-export=${f} @click=${() => h.onExport(f)}>${text(R[f])}</button>`) : nothing}
      ${register.files?.map((name) => html`<button type="button" data-again=${name} @click=${() => h.onExport(name.endsWith('.csv') ? 'csv' : 'xlsx', name)}>${text(R.downloadAgain)}: <span class="mono">${name}</span></button>`)}
    </div>
    ${h.lastExported === undefined ? nothing : html`<p role="status">${said(R.exported, h.lastExported)}</p>`}
    <p class="muted">${text(R.howTo)}</p>
  </section>`;
}

/** Hands `bytes` to the browser as a download named `fileName`. */
export function saveFile(bytes: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the register's usages not yet exported for Kaikukanta's import (`exportForKaikukanta()`). */
export async function exportRegister(
  svc: ScannerServices,
  format: 'csv' | 'xlsx',
  locale: UiLocale,
  again?: string,
): Promise<KaikuReportExportedDetail> {
  const save = (f: ReportFile): void => saveFile(f.bytes as BlobPart, f.mimeType, f.fileName);
  const file = await svc.exportReport!(format, locale, save, again);
  return { format, fileName: file.fileName, usages: file.usages };
}
