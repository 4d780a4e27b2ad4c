import { html, nothing, type TemplateResult } from 'lit';
import type { ShowContext } from '../services/types.js';
import type { ViewContext } from './view-context.js';

/** The show tickets are given for: its name, kind and start, or a chooser when the host passes a list. */
export function renderShow(
  { t, fmt }: ViewContext,
  show: ShowContext | undefined,
  shows: readonly ShowContext[],
  onChoose: (e: Event) => void,
): TemplateResult {
  const kind = (s: ShowContext): string => (s.kind === 'course' ? t.kindCourse : t.kindEvent);
  const summary = show
    ? html`<p class="show-name">${show.name}</p>
        <p class="muted">${kind(show)} · ${t.showStarts(fmt.dateTime(show.start))}</p>`
    : html`<p class="muted">${t.noShow}</p>`;
  if (shows.length === 0) return html`<div part="show" class="field">${summary}</div>`;
  // The time first: a long name is what gets cut, so two showings on one day still differ; the whole text is the
  // option's (and the chooser's) title.
  const label = (s: ShowContext): string => `${fmt.dateTime(s.start)} · ${s.name}`;
  return html`<div part="show" class="field">
    <label for="show-select">${t.chooseShow}</label>
    <select id="show-select" title=${show ? label(show) : ''} @change=${onChoose}>
      <option value="" ?selected=${!show}>—</option>
      ${shows.map(
        (s) =>
          html`<option value=${s.id} title=${label(s)} ?selected=${s.id === show?.id}>${label(s)}</option>`,
      )}
    </select>
    ${show ? html`<p class="muted">${kind(show)}</p>` : nothing}
  </div>`;
}

/** Booking a ticket, or collecting a booked one. */
export function renderMode({ t }: ViewContext, mode: string, onChange: (e: Event) => void): TemplateResult {
  return html`<fieldset>
    <legend>${t.mode}</legend>
    <div class="modes">
      ${(['booking', 'collection'] as const).map(
        (m) =>
          html`<label class="radio"
            ><input type="radio" name="mode" value=${m} .checked=${mode === m} @change=${onChange} />${
              m === 'booking' ? t.modeBooking : t.modeCollection
            }</label
          >`,
      )}
    </div>
  </fieldset>`;
}
