import { html, nothing, type TemplateResult } from 'lit';
import type { Reason } from '../services/types.js';
import type { ViewContext } from './view-context.js';
import type { Screen } from '../flow/screen.js';
import type { CameraController } from '../controllers/camera-controller.js';

export type ReadyOptions = {
  readonly noCamera: boolean;
  /** Whether the camera is open (`active`), has found nothing for a while (`hint`), and its torch and zoom. */
  readonly camera: Pick<CameraController, 'active' | 'hint' | 'renderControls'>;
  readonly onSubmit: (e: SubmitEvent) => void;
  readonly onCameraToggle: () => void;
};

/** Waiting for a card: the wedge listens anywhere; the ID can be typed (with a format hint) or the camera opened. */
export function renderReady(
  v: ViewContext,
  o: ReadyOptions,
  e: Pick<Screen, 'manualError' | 'cameraError'>,
): TemplateResult {
  const { t, text } = v;
  const err = e.manualError;
  return html`
    <h3>${t.readyHeading}</h3>
    <p class="muted" id="ready-hint">${o.noCamera ? t.readyHintNoCamera : t.readyHint}</p>
    <form class="field" @submit=${o.onSubmit} novalidate>
      <label for="manual">${t.manualLabel}</label>
      <p class="muted" id="manual-hint">${t.manualHint}</p>
      <div class="input-row">
        <input
          id="manual"
          part="manual-input"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          inputmode="text"
          aria-describedby="manual-hint ${err ? 'manual-error' : ''}"
          aria-invalid=${err ? 'true' : 'false'}
          data-autofocus
        />
        <button class="primary" type="submit">${t.manualSubmit}</button>
      </div>
      ${err ? html`<p id="manual-error" class="notice danger"><span>${text(err.message)}</span></p>` : nothing}
    </form>
    ${o.noCamera ? nothing : renderCamera(v, o, e.cameraError)}
  `;
}

/** The camera toggle and preview; the hint's region stays while it is on, so a screen reader says it once. */
export function renderCamera(
  v: ViewContext,
  { camera, onCameraToggle: onToggle }: ReadyOptions,
  error: Reason | undefined,
): TemplateResult {
  const { t, text } = v;
  const { active: on, hint } = camera;
  return html`<div class="field">
    <div class="row">
      <button type="button" part="camera-button" aria-pressed=${on ? 'true' : 'false'} @click=${onToggle}>
        ${on ? t.cameraStop : t.cameraStart}
      </button>
      ${camera.renderControls(v)}
    </div>
    ${error ? html`<p id="camera-error" class="notice danger" data-code=${error.code}><span>${text(error.message)}</span></p>` : nothing}
    <div class="viewfinder" ?hidden=${!on}>
      <video
        part="viewfinder"
        aria-label=${t.cameraLabel}
        aria-describedby="aim-text"
        playsinline
        muted
      ></video>
      <div part="aim-guide" class="aim" aria-hidden="true"></div>
    </div>
    ${
      on
        ? html`<p class="muted" id="aim-text">${t.cameraAim}</p>
            <p part="camera-hint" role="status" class=${hint ? 'notice warn' : ''}>
              ${hint ? t.cameraHint : ''}
            </p>`
        : nothing
    }
  </div>`;
}
