export type OpenCameraOptions = {
    readonly deviceId?: string;
    readonly resolution: {
        readonly width: number;
        readonly height: number;
    };
    readonly signal: AbortSignal;
    readonly mediaDevices?: MediaDevices;
};
/**
 * The browser's `MediaDevices`, or a `CameraError` saying why there is none: browsers hide the API entirely on
 * insecure origins (plain http:// other than localhost), so that case gets its own code.
 */
export declare function getMediaDevices(injected?: MediaDevices): MediaDevices;
/** The constraints: the chosen camera exactly, or else the rear camera preferred; an ideal size only. */
export declare function cameraConstraints(options: Pick<OpenCameraOptions, 'deviceId' | 'resolution'>): MediaStreamConstraints;
/**
 * Opens a camera stream. When the signal aborts while the browser is still asking for permission, the promise
 * rejects at once with `camera-aborted`, and a stream that arrives later is stopped on arrival — so the camera
 * never stays on after a stop before start (a known zxing-js leak).
 */
export declare function openCamera(options: OpenCameraOptions): Promise<MediaStream>;
/** Stops every track so the camera light goes off. */
export declare function releaseStream(stream: MediaStream | undefined): void;
