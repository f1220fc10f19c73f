/** Evidence packages: export, verify (docs/EXPORT.md). */
export { exportPackage, type PackageDeps, type TemplateFiles } from './build-package';
export { verifyPackage, CUSTODY_LOG } from './verify-package';
export { libraryTemplateFiles } from './template-files';
export { resolveScope } from './scope';
export { ENTITIES_FORMAT, type EntitiesFile } from './entities';
export { verifyCustodyLog } from './custody-log';
