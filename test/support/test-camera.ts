// The camera for the element's browser tests: the engine's own fake device where it has one (Chromium with
// --use-fake-device-for-media-stream, Firefox with media.navigator.streams.fake), else a canvas stream (WebKitGTK
// has no fake camera under WebDriver). Installed as `navigator.mediaDevices`; every stream it hands out is kept, so
// a test can count the tracks still live.

/** The installed camera: what it is (for assertion messages), the live tracks, and a capabilities stub. */
export type TestCamera = {
  /** `the fake camera` or `a canvas stream`. */
  readonly source: string;
  liveTracks(): MediaStreamTrack[];
  /** Added to what each new track's `getCapabilities()` reports, when set (that boundary only). */
  reported: Record<string, unknown> | undefined;
};

/** A canvas stream has a frame only when the canvas is drawn after the capture started: drawn until it ends. */
function canvasStream(): MediaStream {
  const canvas = document.createElement('canvas');
  const stream = canvas.captureStream(10);
  const timer = setInterval(() => {
    if (stream.getTracks()[0]?.readyState !== 'live') clearInterval(timer);
    else canvas.getContext('2d')!.fillRect(0, 0, 300, 150);
  }, 100);
  return stream;
}

/** Replaces `navigator.mediaDevices` with the test camera (call it in `before`). */
export async function installTestCamera(): Promise<TestCamera> {
  const real = navigator.mediaDevices;
  const fake = await Promise.race([
    real?.getUserMedia({ video: true }).then((s) => (s.getTracks().forEach((t) => t.stop()), true)),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000)),
  ]).catch(() => false);
  const streams: MediaStream[] = [];
  const camera: TestCamera = {
    source: fake ? 'the fake camera' : 'a canvas stream',
    liveTracks: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live'),
    reported: undefined,
  };
  const getUserMedia = async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    const stream = fake ? await real.getUserMedia(constraints) : canvasStream();
    for (const track of stream.getVideoTracks()) {
      const own = track.getCapabilities?.bind(track) ?? (() => ({}));
      const extra = camera.reported;
      if (extra) track.getCapabilities = () => ({ ...own(), ...extra });
    }
    streams.push(stream);
    return stream;
  };
  const enumerateDevices = (): Promise<MediaDeviceInfo[]> =>
    fake ? real.enumerateDevices() : Promise.resolve([]);
  Object.defineProperty(navigator, 'mediaDevices', {
    value: { getUserMedia, enumerateDevices },
    configurable: true,
  });
  return camera;
}
