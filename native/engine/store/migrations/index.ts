/** Every migration, in order. Statically listed so bundling keeps them; each is frozen once released. */
import { migration001 } from './001-initial';
import { migration002 } from './002-documents';
import { migration003 } from './003-forensics';
import { migration004 } from './004-templates';
import { migration005 } from './005-links';
import { migration006 } from './006-merged-packages';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

/** The schema version this build writes. A case database with a higher `user_version` is refused. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
