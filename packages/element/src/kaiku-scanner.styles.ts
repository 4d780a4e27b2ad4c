import { css, unsafeCSS } from 'lit';

/**
 * Styles go through adoptedStyleSheets (no inline <style>), so a strict CSP needs no `unsafe-inline`.
 * Colours are custom properties; both palettes meet WCAG 2.2 AA (4.5:1 text, 3:1 UI) on their backgrounds.
 */
/** Each colour's custom property (`--kaiku-…`): its light value, its dark value. */
const COLOURS: Readonly<Record<string, readonly [string, string]>> = {
  bg: ['#ffffff', '#15181d'],
  surface: ['#f3f5f8', '#20252c'],
  fg: ['#1a1d21', '#eef1f5'],
  muted: ['#4a5260', '#b7bfcb'],
  border: ['#6b7380', '#8c96a5'],
  accent: ['#0b57b0', '#8ab8ff'],
  'accent-fg': ['#ffffff', '#0b1320'],
  ok: ['#146c2e', '#7dd89a'],
  'ok-bg': ['#e6f4ea', '#15301f'],
  warn: ['#7a4a00', '#ffd27a'],
  'warn-bg': ['#fff4d6', '#372a0e'],
  danger: ['#a8161b', '#ff9b9b'],
  'danger-bg': ['#fdeaea', '#3a1618'],
  focus: ['#0b57b0', '#8ab8ff'],
};
/** The light (0) or dark (1) palette; the dark one serves `prefers-color-scheme: dark` and `theme="dark"`. */
const palette = (i: 0 | 1) =>
  unsafeCSS(
    Object.entries(COLOURS)
      .map(([name, values]) => `--kaiku-${name}:${values[i]};`)
      .join('') + `color-scheme:${i ? 'dark' : 'light'};`,
  );
const darkPalette = palette(1);

/**
 * The element's own styles (the `details` that only lazily loaded views have are styled with the card panel's:
 * views/card-panel.ts). Comments inside the template would ship (the minifier leaves template text alone), so the
 * reasons are here:
 * - `.base` is one column no wider than the element: a wide child (a table, a long word) wraps instead of widening it.
 * - Headings break a long word anywhere (Swedish compounds at a heading's size) rather than widen a phone's screen.
 */
export const styles = css`
  :host {
    --kaiku-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --kaiku-font-size: 1rem;
    --kaiku-radius: 0.5rem;
    --kaiku-gap: 0.75rem;
    ${palette(0)}
    display: block;
    container-type: inline-size;
    font-family: var(--kaiku-font);
    font-size: var(--kaiku-font-size);
    line-height: 1.45;
    color: var(--kaiku-fg);
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .base {
    background: var(--kaiku-bg);
    color: var(--kaiku-fg);
    border: 1px solid var(--kaiku-border);
    border-radius: var(--kaiku-radius);
    padding: var(--kaiku-gap);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--kaiku-gap);
    overflow-wrap: break-word;
    hyphens: auto;
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.4em;
  }
  h4 {
    font-size: 1.05em;
  }
  p {
    margin: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--kaiku-gap);
    align-items: center;
    justify-content: space-between;
  }
  .context > *,
  .field,
  .stage > * {
    min-width: 0;
  }
  .context {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    background: var(--kaiku-surface);
    border-radius: var(--kaiku-radius);
    padding: var(--kaiku-gap);
  }
  .show-name {
    font-weight: 600;
  }
  .muted {
    color: var(--kaiku-muted);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .modes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  label {
    font-weight: 600;
  }
  .radio {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2.75rem;
  }
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--kaiku-accent);
  }
  input[type='text'],
  select {
    font: inherit;
    color: var(--kaiku-fg);
    background: var(--kaiku-bg);
    border: 2px solid var(--kaiku-border);
    border-radius: var(--kaiku-radius);
    padding: 0.5rem 0.75rem;
    min-height: 2.75rem;
    width: 100%;
    max-width: 100%;
    min-width: 0;
    text-overflow: ellipsis;
  }
  input[type='text'] {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
    text-transform: uppercase;
  }
  input[aria-invalid='true'] {
    border-color: var(--kaiku-danger);
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--kaiku-radius);
    border: 2px solid var(--kaiku-accent);
    background: var(--kaiku-bg);
    color: var(--kaiku-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--kaiku-accent);
    color: var(--kaiku-accent-fg);
  }
  button[aria-disabled='true'],
  button:disabled {
    border-color: var(--kaiku-border);
    background: var(--kaiku-surface);
    color: var(--kaiku-muted);
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--kaiku-focus);
    outline-offset: 2px;
  }
  .row,
  .input-row,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .row {
    align-items: center;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.35rem;
  }
  .input-row input {
    flex: 1 1 12rem;
    width: auto;
    min-width: 0;
  }
  .stage {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--kaiku-gap);
    align-content: start;
  }
  .meter {
    display: grid;
    gap: 0.25rem;
  }
  .meter-bar {
    display: block;
    width: 100%;
    height: 0.75rem;
    border-radius: 0.375rem;
    background: var(--kaiku-surface);
    border: 1px solid var(--kaiku-border);
    overflow: hidden;
  }
  .meter-fill {
    fill: var(--kaiku-accent);
  }
  .meter-fill.full {
    fill: var(--kaiku-danger);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    border-radius: 999px;
    padding: 0.2rem 0.75rem;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  :is(.badge, .notice).warn {
    color: var(--kaiku-warn);
    background: var(--kaiku-warn-bg);
  }
  :is(.badge, .notice).ok {
    color: var(--kaiku-ok);
    background: var(--kaiku-ok-bg);
  }
  :is(.badge, .notice).danger {
    color: var(--kaiku-danger);
    background: var(--kaiku-danger-bg);
  }
  .mono {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
  }
  .notice {
    border-radius: var(--kaiku-radius);
    padding: var(--kaiku-gap);
    display: grid;
    gap: 0.5rem;
    border-left: 0.375rem solid currentColor;
  }
  .notice p,
  .notice li {
    color: var(--kaiku-fg);
  }
  ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .actions button {
    flex: 1 1 12rem;
  }
  .viewfinder {
    position: relative;
    overflow: hidden;
    border-radius: var(--kaiku-radius);
  }
  .aim {
    position: absolute;
    left: 15%;
    top: 50%;
    width: 70%;
    aspect-ratio: 1.586;
    transform: translateY(-50%);
    border: 3px dashed #fff;
    border-radius: var(--kaiku-radius);
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.35);
    pointer-events: none;
  }
  video {
    display: block;
    width: 100%;
    max-height: 50vh;
    background: #000;
    border-radius: var(--kaiku-radius);
    object-fit: cover;
  }
  .spinner {
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    border: 3px solid var(--kaiku-surface);
    border-top-color: var(--kaiku-accent);
    animation: spin 0.9s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-right-color: var(--kaiku-accent);
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @container (min-width: 56rem) {
    .base {
      padding: 1.5rem;
      font-size: 1.25em;
    }
    [part~='show'] {
      grid-column: span 2;
    }
    .stage > form,
    .stage > .field {
      max-width: 48rem;
    }
  }
`;
