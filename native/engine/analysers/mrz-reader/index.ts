/**
 * Dedicated OCR-B reader for machine-readable zones: locator, fixed-pitch segmentation and a classifier
 * trained by the project itself (`scripts/train-ocrb.ts`). Output: `ReadLine[]` for the MRZ engine.
 */
export { locateMrz, locateMrzAnyOrientation } from './locate';
export type { MrzLayout, MrzLineGeometry, MrzLocation, OrientedMrzLocation } from './locate';
export { bestLines, readMrzAtLocation, readMrzFromImage } from './read';
export type { MrzReading, ReadMrzOptions } from './read';
export { classifyCell, loadOcrbModel, locateOcrbModelFile, parseOcrbModel, topCandidates } from './model';
export type { OcrbModel, OcrbModelFile, OcrbModelMetadata } from './model';
