/**
 * Document finder: locate identity documents (ID-1/ID-2/ID-3) in photos and scans and rectify them.
 *
 * Method: (1) outlines from contours of Canny edges and Otsu segments, snapped onto the image gradient
 * side by side (`refine.ts`) and classified by side ratio; (2) MRZ bands (blackhat + Scharr + closing,
 * grouped into 2-3 regular lines) inside each outline decide orientation and ID-2/ID-3, and where no
 * outline carries an MRZ, bands found in the whole image anchor an outline extrapolated from the Doc 9303
 * geometry; (3) an image whose own shape is a document's is taken whole when nothing else is found.
 */
export { findDocuments, documentCentre } from './find';
export { findMrzBands } from './mrz-bands';
export { CANONICAL_PX, MRZ_GEOMETRY, SIZE_MM } from './types';
export type { ConfidenceParts, FindMethod, FindOptions, FoundDocument, MrzFormat, RotatedBand, SizeClass } from './types';
