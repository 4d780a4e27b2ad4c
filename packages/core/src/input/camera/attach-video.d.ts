/** Shows the stream in the video element: muted and inline, so iOS plays it without fullscreen or a gesture. */
export declare function attach(video: HTMLVideoElement, stream: MediaStream, signal: AbortSignal): Promise<void>;
/** Runs a host callback; an exception in it is reported to the page, never breaks the camera loop. */
export declare function call<T>(callback: ((value: T) => void) | undefined, value: T): void;
