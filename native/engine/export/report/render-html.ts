/**
 * The report as one self-contained HTML file: images as data: URIs, no script, no external resource, print
 * CSS (A4, page numbers "page X of Y", case reference and key fingerprint in the page margins where the
 * browser supports CSS paged media). Every value from the case is escaped.
 */
import { labelsFor, type LabelKey, type Labels } from './i18n/labels';
import { rampStops } from './images';
import { documentTitle, formatScore, formatTime, isListedOnly, itemTitle, LEVEL_COLOUR, linkKindKey, LISTED_ITEMS_ANCHOR, orDash, orderedZones, reportOutline, SEVERITY_COLOUR, ZONE_STYLE } from './layout';
import type { ReportDocument, ReportFinding, ReportImage, ReportItem, ReportModel } from './report-model';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value made inert: &, <, >, quotes; control characters other than tab and newline dropped. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
const e = escapeHtml;

const dataUri = (image: ReportImage) => `data:${image.mime};base64,${image.data.toString('base64')}`;

/** A CSS string literal for @page content (quotes and backslashes escaped, no newlines). */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

function css(model: ReportModel, L: Labels): string {
  const ref = model.case.reference ?? model.case.title;
  // "page {page} of {pages}" in every language, as CSS content: strings between counter(page) and counter(pages).
  const pageContent = L('report.page', { page: '\u0000', pages: '\u0001' })
    .split(/(\u0000|\u0001)/)
    .filter(Boolean)
    .map((part) => (part === '\u0000' ? 'counter(page)' : part === '\u0001' ? 'counter(pages)' : cssString(part)))
    .join(' ');
  return `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.4; color: #111; background: #fff; margin: 0 auto; max-width: 190mm; padding: 12mm 0; }
  h1 { font-size: 18pt; margin: 0 0 4mm; }
  h2 { font-size: 14pt; border-bottom: 1.5px solid #111; padding-bottom: 1mm; margin: 10mm 0 4mm; }
  h3 { font-size: 11.5pt; margin: 7mm 0 2mm; border-bottom: 0.5px solid #999; }
  h4 { font-size: 10pt; margin: 4mm 0 1.5mm; }
  table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
  th, td { border: 0.5px solid #888; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  th { background: #eee; font-weight: bold; }
  table.kv th { width: 35%; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .mono, code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; }
  .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
  pre { white-space: pre-wrap; word-break: break-all; margin: 0; }
  .muted { color: #555; }
  .demo { border: 2px solid #c62828; color: #c62828; font-weight: bold; text-align: center; padding: 2mm; margin: 0 0 4mm; }
  .cover { page-break-after: always; }
  .cover .title { font-size: 20pt; font-weight: bold; margin: 20mm 0 2mm; }
  .toc ol { list-style: none; padding-left: 0; }
  .toc li.d1 { padding-left: 6mm; font-size: 9pt; }
  .toc a { color: #111; text-decoration: none; }
  section.major { page-break-before: always; }
  .doc + .doc, .item + .item { page-break-before: always; }
  figure { margin: 2mm 0 3mm; page-break-inside: avoid; }
  figure svg { width: 100%; height: auto; border: 0.5px solid #888; display: block; }
  figcaption { font-size: 8.5pt; color: #333; margin-top: 1mm; }
  .maps { display: flex; flex-wrap: wrap; gap: 3mm; }
  .maps figure { width: 58mm; }
  .maps img { width: 100%; border: 0.5px solid #888; }
  .thumb { max-width: 60mm; max-height: 45mm; border: 0.5px solid #888; }
  .ramp { display: inline-block; width: 40mm; height: 3mm; vertical-align: middle; border: 0.5px solid #888;
    background: linear-gradient(to right, ${rampStops().map((s) => `rgb(${s.rgb.join(',')}) ${(s.offset * 100).toFixed(1)}%`).join(', ')}); }
  .state { display: inline-block; border: 1px solid currentColor; border-radius: 2px; padding: 0 1.5mm; white-space: nowrap; }
  .sev-high { color: ${SEVERITY_COLOUR.high}; font-weight: bold; } .sev-medium { color: ${SEVERITY_COLOUR.medium}; }
  .mrz { font-family: "DejaVu Sans Mono", monospace; font-size: 10pt; letter-spacing: 0.5px; background: #f5f5f5; padding: 2mm; border: 0.5px solid #888; white-space: pre; overflow-x: auto; }
  .para { margin: 0 0 2mm; } .para.l2 { color: #333; font-style: italic; }
  tr { page-break-inside: avoid; }
  @page { size: A4; margin: 18mm 15mm 20mm; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
    @top-left { content: ${cssString(`${L('report.caseRef')}: ${ref}`)}; font-size: 7.5pt; font-family: "DejaVu Sans", sans-serif; }
    @top-right { content: ${cssString(model.case.demo ? L('report.demoBanner') : model.software)}; font-size: 7.5pt; font-family: "DejaVu Sans", sans-serif; color: ${model.case.demo ? '#c62828' : '#333'}; }
    @bottom-center { content: ${cssString(`${L('report.signingKey')}: ${model.signerFingerprint}`)} "\\A" ${pageContent}; white-space: pre; text-align: center; font-size: 7pt; } }
  @media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
  `;
}

const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`;

function findingsTable(L: Labels, findings: readonly ReportFinding[]): string {
  if (!findings.length) return `<p class="muted">${e(L('item.noFindings'))}</p>`;
  return `<table class="findings"><thead><tr><th>#</th><th>${e(L('finding.analyser'))}</th><th>${e(L('finding.kind'))}</th><th>${e(L('finding.severity'))}</th><th>${e(L('finding.score'))}</th><th>${e(L('finding.summary'))}</th></tr></thead><tbody>${findings
    .map(
      (f) =>
        `<tr id="f-${f.id}"><td class="num">${f.id}</td><td class="mono">${e(f.analyserId)}<br>${e(f.analyserVersion)}</td><td class="mono">${e(f.kind)}${f.zone ? `<br>${e(L('document.zone'))}: ${e(f.zone)}` : ''}</td><td class="sev-${e(f.severity)}">${e(L(`severity.${f.severity}` as LabelKey))}</td><td class="num">${formatScore(f.score)}</td><td>${e(f.summary)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function cover(model: ReportModel, L: Labels): string {
  const n = model.coverNote;
  return `<section class="cover" id="cover">
  ${model.case.demo ? `<div class="demo">${e(L('report.demoBanner'))}</div>` : ''}
  <div class="title">${e(L('report.title'))}</div>
  <div class="muted">${e(L('report.subtitle'))}</div>
  <h1 style="margin-top:8mm">${e(model.case.title)}</h1>
  <table class="kv"><tbody>
  ${row(L('cover.reference'), e(orDash(model.case.reference)))}
  ${row(L('cover.examiner'), e(orDash(model.case.examiner)))}
  ${row(L('cover.organisation'), e(orDash(model.case.organisation)))}
  ${row(L('cover.date'), e(formatTime(model.exportedAt)))}
  ${row(L('cover.caseCreated'), e(formatTime(model.case.createdAt)))}
  ${row(L('cover.software'), e(model.software))}
  ${row(L('report.signingKey'), `<span class="hash">${e(model.signerFingerprint)}</span>`)}
  </tbody></table>
  <h3>${e(L('cover.note'))}</h3>
  <table class="kv"><tbody>
  ${row(L('cover.handling'), `<b>${e(n.handling)}</b> – ${e(L(`handling.${n.handling}` as LabelKey))}`)}
  ${row(L('cover.sourceReliability'), `<b>${e(n.sourceReliability)}</b> – ${e(L(`reliability.${n.sourceReliability}` as LabelKey))}`)}
  ${row(L('cover.informationAccuracy'), `<b>${e(n.informationAccuracy)}</b> – ${e(L(`accuracy.${n.informationAccuracy}` as LabelKey))}`)}
  ${row(L('cover.authorization'), e(n.authorization))}
  ${n.requestedAction ? row(L('cover.requestedAction'), e(n.requestedAction)) : ''}
  </tbody></table>
  <nav class="toc"><h3>${e(L('toc.title'))}</h3><ol>${reportOutline(model, L)
    .map((o) => `<li class="d${o.depth}"><a href="#${e(o.id)}">${e(o.title)}</a></li>`)
    .join('')}</ol></nav>
</section>`;
}

function summary(model: ReportModel, L: Labels): string {
  const s = model.summary;
  const levels = (['strong-indicators', 'review', 'no-indicators', 'none'] as const).map((l) => `${e(L(`level.${l}` as LabelKey))}: ${s.documentsByLevel[l]}`).join('<br>');
  const severities = (['high', 'medium', 'low', 'info'] as const).map((k) => `${e(L(`severity.${k}` as LabelKey))}: ${s.findingsBySeverity[k]}`).join('<br>');
  const kinds = Object.entries(s.linksByKind).map(([k, v]) => `${e(kindLabel(L, k))}: ${v}`).join('<br>');
  return `<section class="major" id="summary"><h2>${e(L('section.summary'))}</h2>
  <table class="kv"><tbody>
  ${row(L('summary.selectedItems'), String(s.items))}
  ${row(L('summary.exhibits'), `${s.exhibits} (${model.exhibits.map((x) => e(x.label)).join(', ')})`)}
  ${row(L('summary.documents'), String(s.documents))}
  ${row(L('summary.documentsByLevel'), levels)}
  ${row(L('summary.findings'), String(s.findings))}
  ${row(L('summary.findingsBySeverity'), severities)}
  ${row(L('summary.links'), `${s.links}${kinds ? `<br>${kinds}` : ''}`)}
  ${row(L('summary.families'), String(s.families))}
  ${row(L('summary.files'), String(s.files))}
  </tbody></table></section>`;
}

function exhibits(model: ReportModel, L: Labels): string {
  const itemName = new Map(model.items.map((i) => [i.id, i]));
  return `<section class="major" id="exhibits"><h2>${e(L('section.exhibits'))}</h2>${model.exhibits
    .map(
      (x) => `<div class="exhibit" id="exhibit-${x.id}"><h3>${e(L('exhibit.label'))} ${e(x.label)}</h3><table class="kv"><tbody>
    ${row(L('exhibit.description'), e(orDash(x.description)))}
    ${row(L('exhibit.seizedBy'), e(orDash(x.seizedBy)))}
    ${row(L('exhibit.seizedAt'), e(orDash(x.seizedAt)))}
    ${row(L('exhibit.place'), e(orDash(x.place)))}
    ${row(L('exhibit.device'), e(orDash(x.device)))}
    ${row(L('exhibit.serial'), e(orDash(x.serial)))}
    ${row(L('exhibit.imei'), `<span class="mono">${e(orDash(x.imei))}</span>`)}
    ${row(L('exhibit.seal'), e(orDash(x.seal)))}
    ${row(L('exhibit.notes'), e(orDash(x.notes)))}
    ${row(L('exhibit.items'), x.itemIds.map((id) => `<a href="#item-${id}">${id}</a>: ${e(itemName.get(id)?.exhibitPath ?? '')}`).join('<br>'))}
    </tbody></table></div>`,
    )
    .join('')}</section>`;
}

function zoneFigure(d: ReportDocument, L: Labels): string {
  if (!d.image) return `<p class="muted">${e(L('document.noImage'))}</p>`;
  const { width: w, height: h } = d.image;
  const zones = [...d.zones].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const font = Math.max(10, Math.round(w / 70));
  const shapes = zones
    .map((z) => {
      const s = ZONE_STYLE[z.state];
      const { x, y, width, height } = z.box;
      const tag = z.state === 'agrees' ? '' : `${s.symbol} ${z.id}`;
      const tagW = tag.length * font * 0.62 + 6;
      const tagY = y >= font + 4 ? y - font - 4 : y + height;
      return `<g class="zone" data-zone="${e(z.id)}" data-state="${e(z.state)}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" fill="${z.state === 'deviates' ? 'url(#hatch)' : 'none'}" stroke="${s.colour}" stroke-width="${s.width}"${s.dash.length ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>${
        tag ? `<rect x="${x.toFixed(1)}" y="${tagY.toFixed(1)}" width="${tagW.toFixed(1)}" height="${font + 4}" fill="${s.colour}"/><text x="${(x + 3).toFixed(1)}" y="${(tagY + font).toFixed(1)}" font-size="${font}" fill="#fff" font-family="DejaVu Sans, sans-serif">${e(tag)}</text>` : ''
      }</g>`;
    })
    .join('');
  const caption = d.imageFrame === 'aligned' ? L('document.imageAligned') : L('document.imageRectified');
  const legend = d.zones.length
    ? ` · ${e(L('zone.legend'))}: ${(['agrees', 'review', 'deviates', 'not-checked'] as const).map((st) => `<span class="state" style="color:${ZONE_STYLE[st].colour}">${ZONE_STYLE[st].symbol} ${e(L(`zone.${st}`))}</span>`).join(' ')}`
    : '';
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" role="img" aria-label="${e(caption)}"><defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="8" fill="rgba(198,40,40,0.35)"/></pattern></defs><image href="${dataUri(d.image)}" width="${w}" height="${h}"/>${shapes}</svg><figcaption>${e(caption)}${legend}</figcaption></figure>`;
}

function documentSection(d: ReportDocument, model: ReportModel, L: Labels, findingsById: ReadonlyMap<number, ReportFinding>): string {
  const levelKey = d.assessment ? d.assessment.level : 'none';
  const parts: string[] = [];
  parts.push(`<table class="kv"><tbody>
  ${row(L('document.item'), `<a href="#item-${d.itemId}">${d.itemId}</a>: ${e(d.exhibitLabel)} · ${e(d.itemName)}`)}
  ${row(L('document.sha256'), `<span class="hash">${e(d.sha256)}</span>`)}
  ${row(L('document.found'), e(`${d.sizeClass} · ${d.side} · ${d.method} (${formatScore(d.confidence)})`))}
  ${row(L('document.template'), d.template ? e(`${d.template.id}@${d.template.version}${d.template.title ? ` – ${d.template.title}` : ''}${d.template.side ? ` (${d.template.side})` : ''}`) + (d.template.sha256 ? `<br><span class="hash">${e(d.template.sha256)}</span>` : '') : '–')}
  ${d.template ? row(L('document.recognition'), formatScore(d.template.recognitionScore)) : ''}
  ${row(L('document.level'), `<span class="state" style="color:${LEVEL_COLOUR[levelKey]}">${e(L(`level.${levelKey}` as LabelKey))}</span>${d.assessment ? ` · ${e(L('document.score'))} ${formatScore(d.assessment.score)}` : ''}`)}
  </tbody></table>`);
  parts.push(zoneFigure(d, L));
  parts.push(`<h4>${e(L('document.assessment'))}</h4>`);
  if (d.assessment) {
    parts.push(
      d.assessment.reasons.length
        ? `<table><thead><tr><th>${e(L('document.reasons'))}</th><th>${e(L('document.zone'))}</th><th>${e(L('document.weight'))}</th><th>${e(L('document.message'))}</th><th>${e(L('document.finding'))}</th></tr></thead><tbody>${d.assessment.reasons
            .map((r) => `<tr><td class="mono">${e(r.code)}</td><td>${e(orDash(r.zone))}</td><td class="num">${formatScore(r.weight)}</td><td>${e(r.message)}</td><td>${r.findingId !== null ? `<a href="#f-${r.findingId}">#${r.findingId}</a>` : '–'}</td></tr>`)
            .join('')}</tbody></table>`
        : `<p>${e(L('level.no-indicators'))}</p>`,
    );
  } else parts.push(`<p class="muted">${e(L('document.notAssessed'))}</p>`);
  if (d.zones.length) {
    parts.push(
      `<h4>${e(L('document.zones'))}</h4><table><thead><tr><th>${e(L('document.zone'))}</th><th>${e(L('document.state'))}</th><th>${e(L('document.message'))}</th></tr></thead><tbody>${orderedZones(d.zones)
        .map((z) => `<tr><td class="mono">${e(z.id)}${z.field ? `<br><span class="muted">${e(z.field)}</span>` : ''}</td><td><span class="state" style="color:${ZONE_STYLE[z.state].colour}">${ZONE_STYLE[z.state].symbol} ${e(L(`zone.${z.state}`))}</span></td><td>${z.checks.map((c) => `${e(c.code)} (${formatScore(c.deviation)}): ${e(c.summary)}`).join('<br>') || '–'}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  parts.push(`<h4>${e(L('document.mrz'))}</h4>`);
  if (d.mrz) {
    parts.push(`<div class="mrz">${d.mrz.lines.map(e).join('\n')}</div>`);
    parts.push(`<p>${e(L('document.mrzFormat'))}: ${e(orDash(d.mrz.format))} · ${e(L('document.mrzValid'))}: ${e(L(d.mrz.valid ? 'check.valid' : 'check.invalid'))}</p>`);
    if (d.mrz.checks.length) {
      parts.push(
        `<table><thead><tr><th>${e(L('document.check'))}</th><th>${e(L('document.expected'))}</th><th>${e(L('document.found.digit'))}</th><th>${e(L('document.result'))}</th></tr></thead><tbody>${d.mrz.checks
          .map((c) => `<tr><td class="mono">${e(c.name)}</td><td class="mono">${e(c.expected)}</td><td class="mono">${e(c.found)}</td><td class="${c.valid ? '' : 'sev-high'}">${e(L(c.valid ? 'check.valid' : 'check.invalid'))}</td></tr>`)
          .join('')}</tbody></table>`,
      );
    }
    if (d.mrz.corrections.length) parts.push(`<p>${e(L('document.corrections'))}:<br>${d.mrz.corrections.map(e).join('<br>')}</p>`);
  } else parts.push(`<p class="muted">${e(L('document.noMrz'))}</p>`);
  if (d.crossChecks.length) {
    parts.push(
      `<h4>${e(L('document.printedVsMrz'))}</h4><table><thead><tr><th>${e(L('document.field'))}</th><th>${e(L('document.printed'))}</th><th>${e(L('document.mrzValue'))}</th><th>${e(L('document.result'))}</th><th>${e(L('document.explanation'))}</th></tr></thead><tbody>${d.crossChecks
        .map((c) => `<tr${c.findingId !== null ? ` id="f-${c.findingId}"` : ''}><td class="mono">${e(c.field)}</td><td>${e(orDash(c.printed))}</td><td class="mono">${e(orDash(c.mrz))}</td><td class="${c.status === 'mismatch' ? 'sev-high' : ''}">${e(L(`cross.${c.status}` as LabelKey))}</td><td>${e(c.explanation)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  parts.push(`<h4>${e(L('document.findings'))}</h4>`);
  parts.push(findingsTable(L, d.findingIds.flatMap((id) => findingsById.get(id) ?? [])));
  // Plain reading results (printed fields read) that are neither findings shown above nor cross-checks: anchors only.
  const shown = new Set([...d.findingIds, ...d.crossChecks.flatMap((c) => (c.findingId === null ? [] : [c.findingId]))]);
  const rest = model.findings.filter((f) => f.documentId === d.id && !shown.has(f.id));
  if (rest.length) parts.push(`<h4>${e(L('document.printedFields'))}</h4>${findingsTable(L, rest)}`);
  return `<div class="doc" id="document-${d.id}"><h3>${e(documentTitle(L, d))}</h3>${parts.join('\n')}</div>`;
}

function itemSection(i: ReportItem, L: Labels, findingsById: ReadonlyMap<number, ReportFinding>): string {
  const parts: string[] = [];
  parts.push(`<table class="kv"><tbody>
  ${row(L('item.name'), e(i.name))}
  ${row(L('exhibit.label'), `<a href="#exhibit-${i.exhibitId}">${e(i.exhibitLabel)}</a>`)}
  ${row(L('item.path'), e(i.exhibitPath))}
  ${row(L('item.size'), String(i.size))}
  ${row(L('item.type'), e(orDash(i.mime)))}
  ${i.width && i.height ? row(L('item.pixels'), `${i.width} × ${i.height}`) : ''}
  ${row('SHA-256', `<span class="hash">${e(orDash(i.sha256))}</span>`)}
  ${i.sameContentAs === null ? row(L('item.fusedScore'), formatScore(i.forensicScore)) : row('SHA-256', `= <a href="#item-${i.sameContentAs}">${L('item.label')} ${i.sameContentAs}</a>`)}
  ${i.documentIds.length ? row(L('item.documents'), i.documentIds.map((id) => `<a href="#document-${id}">${L('document.label')} ${id}</a>`).join(', ')) : ''}
  </tbody></table>`);
  if (i.thumbnail) parts.push(`<img class="thumb" alt="" src="${dataUri(i.thumbnail)}">`);
  if (i.sameContentAs !== null) return `<div class="item" id="item-${i.id}"><h3>${e(itemTitle(L, i))}</h3>${parts.join('\n')}</div>`;
  if (i.runs.length) {
    parts.push(
      `<h4>${e(L('item.analysers'))}</h4><table><thead><tr><th>${e(L('finding.analyser'))}</th><th>${e(L('finding.version'))}</th><th>${e(L('item.status'))}</th><th>${e(L('finding.score'))}</th></tr></thead><tbody>${i.runs
        .map((r) => `<tr><td>${e(r.title)}<br><span class="mono muted">${e(r.analyserId)}</span></td><td class="mono">${e(r.version)}</td><td>${e(L(`status.${r.status}` as LabelKey))}${r.reason ? `<br><span class="muted">${e(r.reason)}</span>` : ''}</td><td class="num">${formatScore(r.score)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
  }
  parts.push(`<h4>${e(L('item.maps'))}</h4>`);
  parts.push(
    i.maps.length
      ? `<p class="muted"><span class="ramp"></span> ${e(L('item.mapScale'))}</p><div class="maps">${i.maps
          .map((m) => `<figure><img alt="${e(m.name)}" src="${dataUri(m.image)}"><figcaption><b>${e(m.name)}</b> · <span class="mono">${e(m.analyserId)}</span><br>${e(m.unit)}</figcaption></figure>`)
          .join('')}</div>`
      : `<p class="muted">${e(L('item.noMaps'))}</p>`,
  );
  parts.push(`<h4>${e(L('item.findings'))}</h4>${findingsTable(L, i.findingIds.flatMap((id) => findingsById.get(id) ?? []))}`);
  return `<div class="item" id="item-${i.id}"><h3>${e(itemTitle(L, i))}</h3>${parts.join('\n')}</div>`;
}

const kindLabel = (L: Labels, kind: string) => {
  const key = linkKindKey(kind);
  return key ? `${L(key)} (${kind})` : kind;
};

function links(model: ReportModel, L: Labels): string {
  const pass = model.linkPass ? `<p class="muted">${e(L('links.pass'))} ${model.linkPass.id} · linker ${e(model.linkPass.linkerVersion)}${model.linkPass.finishedAt ? ` · ${e(formatTime(model.linkPass.finishedAt))}` : ''}</p>` : '';
  const table = model.links.length
    ? `<table><thead><tr><th>${e(L('links.kind'))}</th><th>${e(L('links.from'))}</th><th>${e(L('links.to'))}</th><th>${e(L('links.strength'))}</th><th>${e(L('links.summary'))}</th></tr></thead><tbody>${model.links
        .map((l) => `<tr id="link-${l.id}"><td>${e(kindLabel(L, l.kind))}</td><td>${e(l.fromLabel)}</td><td>${e(l.toLabel)}</td><td class="num">${formatScore(l.strength)}</td><td>${e(l.summary)}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">${e(L('links.none'))}</p>`;
  const families = model.families.length
    ? `<table><thead><tr><th>${e(L('links.family'))}</th><th>${e(L('links.members'))}</th></tr></thead><tbody>${model.families.map((f) => `<tr><td>${e(f.label)}<br><span class="mono muted">${e(f.ref)}</span></td><td>${f.members.map(e).join('<br>')}</td></tr>`).join('')}</tbody></table>`
    : `<p class="muted">${e(L('links.noFamilies'))}</p>`;
  return `<section class="major" id="links"><h2>${e(L('section.links'))}</h2>${pass}${table}<h3>${e(L('links.families'))}</h3>${families}</section>`;
}

function methods(model: ReportModel, L: Labels): string {
  return `<section class="major" id="methods"><h2>${e(L('section.methods'))}</h2><p>${e(L('methods.intro'))}</p><table><thead><tr><th>${e(L('methods.analyser'))}</th><th>${e(L('methods.version'))}</th><th>${e(L('methods.items'))}</th><th>${e(L('methods.parameters'))}</th></tr></thead><tbody>${model.methods
    .map((m) => `<tr><td class="mono">${e(m.analyserId)}</td><td class="mono">${e(m.version)}</td><td class="num">${m.runs}</td><td><pre>${e(m.parameters)}</pre></td></tr>`)
    .join('')}</tbody></table></section>`;
}

function limitations(model: ReportModel, L: Labels): string {
  const keys: LabelKey[] = ['limitations.evidence', 'limitations.documents', 'limitations.mrz', 'limitations.forensics', 'limitations.links', 'limitations.calibration', ...(model.case.demo ? (['limitations.demo'] as LabelKey[]) : [])];
  return `<section class="major" id="limitations"><h2>${e(L('section.limitations'))}</h2>${keys
    .map((k) => `<div class="limitation${k === 'limitations.demo' ? ' demo' : ''}">${L.each(k).map((text, n) => `<p class="para${n ? ' l2' : ''}" lang="${e(model.languages[n] ?? '')}">${e(text)}</p>`).join('')}</div>`)
    .join('')}</section>`;
}

/** The items without results, a row each (isListedOnly); each row carries the item's anchor. */
function listedItems(items: readonly ReportItem[], L: Labels): string {
  if (!items.length) return '';
  const rows = items
    .map(
      (i) =>
        `<tr id="item-${i.id}"><td class="num">${i.id}</td><td>${e(i.exhibitLabel)} · ${e(i.exhibitPath)}</td><td>${e(orDash(i.mime))}</td><td class="num">${i.size}</td><td class="hash">${e(orDash(i.sha256))}${i.sameContentAs === null ? '' : `<br><a href="#item-${i.sameContentAs}">${e(L('item.sameAs', { id: i.sameContentAs }))}</a>`}</td></tr>`,
    )
    .join('');
  return `<div class="item" id="${LISTED_ITEMS_ANCHOR}"><h3>${e(L('item.listedTitle', { count: items.length }))}</h3><p class="muted">${e(L('item.listedIntro'))}</p><table><thead><tr><th>#</th><th>${e(L('exhibit.label'))} · ${e(L('item.path'))}</th><th>${e(L('item.type'))}</th><th>${e(L('item.size'))}</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function hashes(model: ReportModel, L: Labels): string {
  return `<section class="major" id="hashes"><h2>${e(L('section.hashes'))}</h2><p>${e(L('hashes.intro'))}</p><table><thead><tr><th>${e(L('hashes.path'))}</th><th>${e(L('hashes.size'))}</th><th>${e(L('hashes.sha256'))}</th></tr></thead><tbody>${model.packagedFiles
    .map((f) => `<tr><td class="mono">${e(f.bagPath)}</td><td class="num">${f.size}</td><td class="hash">${e(f.sha256)}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

/** The whole report as an HTML document (UTF-8). */
export function renderReportHtml(model: ReportModel): string {
  const L = labelsFor(model.languages);
  const findingsById = new Map(model.findings.map((f) => [f.id, f]));
  const title = `${L('report.title')} – ${model.case.reference ?? model.case.title}`;
  return `<!DOCTYPE html>
<html lang="${e(model.languages[0] ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="${e(model.software)}">
<title>${e(title)}</title>
<style>${css(model, L)}</style>
</head>
<body>
${cover(model, L)}
${summary(model, L)}
${exhibits(model, L)}
<section class="major" id="documents"><h2>${e(L('section.documents'))}</h2>${model.documents.length ? model.documents.map((d) => documentSection(d, model, L, findingsById)).join('\n') : '<p class="muted">–</p>'}</section>
<section class="major" id="items"><h2>${e(L('section.items'))}</h2>${model.items
  .filter((i) => !isListedOnly(i))
  .map((i) => itemSection(i, L, findingsById))
  .join('\n')}${listedItems(model.items.filter(isListedOnly), L)}</section>
${links(model, L)}
${methods(model, L)}
${limitations(model, L)}
${hashes(model, L)}
<footer class="muted" style="margin-top:8mm;font-size:8pt">${e(L('report.generatedBy'))} ${e(model.software)} · ${e(L('report.caseRef'))}: ${e(model.case.reference ?? '–')} · ${e(L('report.signingKey'))}: <span class="hash">${e(model.signerFingerprint)}</span></footer>
</body>
</html>
`;
}
