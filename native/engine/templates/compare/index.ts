/**
 * Zone comparators for template checks (issue 5, "Comparison"): pure measurements of a questioned
 * document aligned into a template's reference frame against the template's reference image.
 */
export { checksFor, compareZones } from './compare';
export { prepareReference } from './prepare';
export type { PreparedReference, PrepareFailure } from './prepare';
export type { CompareOptions, ComparisonCheck, Region, ZoneComparison } from './types';
