/** The BagIt layer of evidence packages: write a signed BagIt 1.0 bag (folder or zip), verify one file by file. */
export { writeBag, humanSize } from './writer';
export type { BagPlan, BagProgress, BagSource, PayloadEntry, TagEntry, WriteBagOptions, WriteBagResult, WrittenFile } from './writer';
export type { BagTarget } from './bag-output';
export { verifyBag } from './verifier';
export type { BagReport, LineCheck, ManifestSummary, UnlistedFile, VerifyBagOptions } from './verifier';
export type { ZipLimits } from './bag-reader';
export { BagPlanError, SIGNATURE_FILE } from './paths';
export { SIGNED_FILE, type BagSigner, type SignatureCheck, type SignatureFile } from './signature';
export type { BagInfoField } from './tag-text';
