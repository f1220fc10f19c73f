/** People, organisations and tools: who seized, who examined, and which software (with which settings) ran. */
import type { BuildContext } from './build-context';
import { compact, type GraphNodes } from './graph-nodes';
import type { NodeIds } from './ids';
import { canonicalJson, ref, valueText } from './literals';
import { createHash } from 'node:crypto';

/** A person known only by the name the examiner typed (no attempt to split it into given and family names). */
export function namedPerson(ids: NodeIds, nodes: GraphNodes, name: string): string {
  const id = ids.id('person', 'named', name);
  return nodes.ensure(id, () => ({ '@id': id, '@type': 'uco-identity:Person', 'uco-core:name': name }));
}

export function organization(ids: NodeIds, nodes: GraphNodes, name: string): string {
  const id = ids.id('organization', name);
  return nodes.ensure(id, () => ({ '@id': id, '@type': 'uco-identity:Organization', 'uco-core:name': name }));
}

/** The tool that made the package and ran every analysis. */
export function mainTool(ids: NodeIds, nodes: GraphNodes, tool: { name: string; version: string; creator?: string }): string {
  const id = ids.id('tool', tool.name, tool.version);
  const creator = tool.creator ? organization(ids, nodes, tool.creator) : null;
  return nodes.ensure(id, () =>
    compact({
      '@id': id,
      '@type': 'uco-tool:AnalyticTool',
      'uco-core:name': tool.name,
      'uco-tool:version': tool.version,
      'uco-tool:toolType': 'Forensic examination workstation (evidence and identity-document analysis)',
      'uco-tool:creator': creator ? ref(creator) : null,
    }),
  );
}

/**
 * One analyser (or the importer) as a configured tool: a configuration of the main tool under its own name and
 * version, with its parameters and resources as configuration entries. Same analyser, version and settings →
 * same node.
 */
export function configuredTool(ctx: BuildContext, name: string, version: string, settings: { readonly parameters: Readonly<Record<string, unknown>>; readonly resources?: Readonly<Record<string, unknown>> }): string {
  const fingerprint = createHash('sha256').update(canonicalJson(settings)).digest('hex');
  const id = ctx.ids.id('configured-tool', name, version, fingerprint);
  return ctx.nodes.ensure(id, () => {
    const configurationId = ctx.ids.id('configuration', name, version, fingerprint);
    const entries = [
      ...Object.keys(settings.parameters).sort().map((key) => ({ group: 'parameter', key, value: settings.parameters[key] })),
      ...Object.keys(settings.resources ?? {}).sort().map((key) => ({ group: 'resource', key, value: settings.resources![key] })),
    ].map((e) => ({
      '@id': ctx.ids.id('configuration-entry', name, version, fingerprint, e.group, e.key),
      '@type': 'uco-configuration:ConfigurationEntry',
      'uco-configuration:itemName': `${e.group}:${e.key}`,
      'uco-configuration:itemValue': valueText(e.value),
    }));
    return {
      '@id': id,
      '@type': 'uco-tool:ConfiguredTool',
      'uco-core:name': name,
      'uco-tool:version': version,
      'uco-configuration:isConfigurationOf': ref(ctx.toolId),
      'uco-configuration:usesConfiguration': compact({
        '@id': configurationId,
        '@type': 'uco-configuration:Configuration',
        'uco-configuration:configurationEntry': entries,
      }),
    };
  });
}
