/** What the parts of the CASE graph builder share while building one graph. */
import type { CaseReader } from '../../store/case-store';
import type { GraphNodes } from './graph-nodes';
import type { NodeIds } from './ids';
import type { CaseGraphOptions, PackagedFile } from './types';

export interface BuildContext {
  readonly reader: CaseReader;
  readonly options: CaseGraphOptions;
  readonly ids: NodeIds;
  readonly nodes: GraphNodes;
  /** The tool node (CaseLens) every configured analyser is a configuration of. */
  readonly toolId: string;
  /** The examiner's Person node, the performer of analyses and of the export; null when nobody is named. */
  readonly examinerId: string | null;
  /** File node of each item in scope. */
  readonly fileOfItem: Map<number, string>;
  /** Items in scope by content (SHA-256), in id order. */
  readonly itemsByContent: Map<string, number[]>;
  /** Device node of each exhibit in scope. */
  readonly deviceOfExhibit: Map<number, string>;
  /** Identity node of each document in scope. */
  readonly identityOfDocument: Map<number, string>;
  /** Packaged evidence file of each item. */
  readonly packagedEvidence: Map<number, PackagedFile>;
}

/** The file nodes of the items in scope holding these bytes. */
export function filesOfContent(ctx: BuildContext, sha256: string): string[] {
  return (ctx.itemsByContent.get(sha256) ?? []).map((id) => ctx.fileOfItem.get(id)!).filter(Boolean);
}
