/**
 * Branded identifiers. A brand stops an item id from being passed where an exhibit id is expected,
 * although both are plain numbers on the wire.
 */
declare const brand: unique symbol;

/** A nominal type: `T` tagged with `B`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A case: a UUID stored in the case database (stable when the folder is moved). */
export type CaseId = Brand<string, 'CaseId'>;
/** An exhibit (seized device or medium) inside one case. */
export type ExhibitId = Brand<number, 'ExhibitId'>;
/** An evidence item: one file occurrence inside one exhibit. */
export type ItemId = Brand<number, 'ItemId'>;
/** A background job (import, analysis). */
export type JobId = Brand<string, 'JobId'>;

export const asCaseId = (value: string): CaseId => value as CaseId;
export const asExhibitId = (value: number): ExhibitId => value as ExhibitId;
export const asItemId = (value: number): ItemId => value as ItemId;
export const asJobId = (value: string): JobId => value as JobId;
/** An identity document found in an item (one side of one card or passport page). */
export type DocumentId = Brand<number, 'DocumentId'>;
export const asDocumentId = (value: number): DocumentId => value as DocumentId;
