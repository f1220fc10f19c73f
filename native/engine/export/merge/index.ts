/** Import and merge evidence packages at a coordination centre (docs/EXPORT.md). */
export { mergePackages, sharesOfCase, MERGE_STAGING, type MergeOptions } from './merge-packages';
export { computeShares, type ShareDocument, type ShareItem, type SharePackage } from './shares';
export { parseFindingsCsv, type PackageFinding } from './findings-csv';
