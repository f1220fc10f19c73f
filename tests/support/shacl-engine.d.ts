/** Minimal typings for shacl-engine (the package ships none): what tests/support/case-shacl.ts uses. */
declare module 'shacl-engine' {
  import type { DatasetCore, DataFactory, Term } from '@rdfjs/types';

  export interface ValidationResult {
    readonly focusNode?: { readonly term: Term };
    readonly path?: readonly { readonly predicates: readonly Term[] }[] | null;
    readonly severity: Term;
    readonly message: readonly Term[];
    readonly shape?: { readonly ptr: { readonly term: Term } };
    readonly constraintComponent?: Term;
    readonly value?: { readonly term: Term } | null;
  }

  export interface ValidationReport {
    readonly conforms: boolean;
    readonly results: readonly ValidationResult[];
  }

  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory & { dataset(): DatasetCore }; validations?: unknown; targetResolvers?: unknown; details?: boolean; debug?: boolean });
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: { terms?: Iterable<Term> }): Promise<ValidationReport>;
  }
}

declare module 'shacl-engine/sparql.js' {
  export const validations: unknown;
  export const targetResolvers: unknown;
}

declare module 'shacl-engine/lib/sparql.js' {
  export function select(options: { bindings: unknown[]; dataset: object; factory: object; query: string }): Promise<unknown[]>;
  export function bindingsToObject(row: unknown): Record<string, unknown>;
  export function stringifyPath(path: unknown): string | null;
}

declare module 'shacl-engine/lib/namespaces.js' {
  import type { NamedNode } from '@rdfjs/types';
  export const owl: { readonly imports: NamedNode };
  export const sh: {
    readonly sparql: NamedNode;
    readonly select: NamedNode;
    readonly prefixes: NamedNode;
    readonly declare: NamedNode;
    readonly prefix: NamedNode;
    readonly namespace: NamedNode;
    readonly message: NamedNode;
    readonly SPARQLConstraintComponent: NamedNode;
  };
}

declare module 'shacl-engine/lib/parsePath.js' {
  export default function parsePath(ptr: unknown): unknown;
}
