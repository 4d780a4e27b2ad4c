// Loaded with import() when the clerk opens the camera: the camera adapter (and, through it, the decoders) stays
// out of the element's initial download.
export { startCameraScan } from '@kaiku-scanner/core';
