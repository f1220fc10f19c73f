/** The nodes of a graph being built: keyed by `@id`, in the order first added (so output order is stable). */
import type { GraphNode } from './types';

/** A node while it is built: its properties may still grow. */
export type MutableNode = { '@id': string; '@type': string | string[] } & Record<string, unknown>;

export class GraphNodes {
  private readonly nodes = new Map<string, MutableNode>();

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  get(id: string): MutableNode | undefined {
    return this.nodes.get(id);
  }

  /** Add a node whose id is new; a second node with the same id is a bug in the builder. */
  add(node: MutableNode): string {
    if (this.nodes.has(node['@id'])) throw new Error(`Duplicate CASE node ${node['@id']}`);
    this.nodes.set(node['@id'], node);
    return node['@id'];
  }

  /** The node with this id, made by `make` the first time. */
  ensure(id: string, make: () => MutableNode): string {
    if (!this.nodes.has(id)) {
      const node = make();
      if (node['@id'] !== id) throw new Error(`Node made for ${id} has id ${node['@id']}`);
      this.nodes.set(id, node);
    }
    return id;
  }

  /** Append references to an array property of an existing node, once each. */
  pushRefs(id: string, property: string, targets: readonly string[]): void {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`No CASE node ${id}`);
    const list = (node[property] as { '@id': string }[] | undefined) ?? [];
    for (const target of targets) if (!list.some((r) => r['@id'] === target)) list.push({ '@id': target });
    if (list.length) node[property] = list;
  }

  /** Every node of one of these types. */
  ofType(...types: readonly string[]): MutableNode[] {
    return [...this.nodes.values()].filter((n) => [n['@type']].flat().some((t) => types.includes(t)));
  }

  list(): GraphNode[] {
    return [...this.nodes.values()];
  }
}

/** Drop properties that are null, undefined or empty arrays (CASE has no "unknown" literal). */
export function compact<T extends Record<string, unknown>>(node: T): T {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '')) as T;
}

/** The nodes that were made (drops the nulls of optional facets). */
export const present = (nodes: readonly (MutableNode | null)[]): MutableNode[] => nodes.filter((n): n is MutableNode => n !== null);
