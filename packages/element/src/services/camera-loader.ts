// Loaded with import() when the clerk opens the camera. It imports the core's `./camera` subpath, never the main
// entry: the camera adapter (and, through it, the decoders) lands in a chunk of its own, out of the initial download.
export { startCameraScan } from '@kaiku-scanner/core/camera';
