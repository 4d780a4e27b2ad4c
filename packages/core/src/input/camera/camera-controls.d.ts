import type { CameraCapabilities, CameraInfo } from './types.js';
/** What the current camera can do; torch and zoom only where the track reports them (Chrome on Android mostly). */
export declare function readCapabilities(track: MediaStreamTrack): CameraCapabilities;
/** Turns the torch (flash used as a lamp) on or off. */
export declare function applyTorch(track: MediaStreamTrack, on: boolean): Promise<void>;
/** Sets the zoom, clamped to the camera's range and rounded to its step. */
export declare function applyZoom(track: MediaStreamTrack, zoom: number): Promise<void>;
/** The video inputs. Labels are empty until camera access has been granted once. */
export declare function listVideoInputs(devices: MediaDevices): Promise<CameraInfo[]>;
