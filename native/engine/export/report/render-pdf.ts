/**
 * The report as a PDF (pdfkit, DejaVu fonts embedded): cover with the cover note, table of contents with page
 * numbers and links, one page (or more) per exhibit list, document and item, then links, methods, limitations
 * and the hash appendix. Every page carries the case reference, the signing key's fingerprint and
 * "page X of Y". The same model and export time give the same bytes (creation date and file id come from it).
 */
import { labelsFor, type LabelKey, type Labels } from './i18n/labels';
import { rampStops } from './images';
import { documentTitle, EXHIBIT_ITEMS_LISTED, formatScore, formatTime, isListedOnly, itemTitle, LEVEL_COLOUR, linkKindKey, LISTED_ITEMS_ANCHOR, orDash, orderedZones, reportOutline, SEVERITY_COLOUR, ZONE_STYLE, type OutlineEntry } from './layout';
import type { ReportDocument, ReportFinding, ReportItem, ReportModel } from './report-model';
import { BODY, CONTENT_WIDTH, MARGIN, PAGE, PdfWriter, SMALL, type Cell } from './pdf/writer';

/** Table of contents: 13 pt per line (9 pt text), 48 lines per page after the heading, so its pages can be reserved before the content exists. */
const TOC_LINE = 13;
const TOC_PER_PAGE = 48;

const kindLabel = (L: Labels, kind: string) => {
  const key = linkKindKey(kind);
  return key ? `${L(key)} (${kind})` : kind;
};

function findingsTable(w: PdfWriter, L: Labels, findings: readonly ReportFinding[]): void {
  if (!findings.length) {
    w.paragraph(L('item.noFindings'), { colour: '#555555' });
    return;
  }
  w.table(
    [
      { header: '#', width: 0.05, align: 'right', size: SMALL },
      { header: L('finding.analyser'), width: 0.18, font: 'mono', size: 6.5 },
      { header: L('finding.kind'), width: 0.19, font: 'mono', size: 6.5 },
      { header: L('finding.severity'), width: 0.12, size: SMALL },
      { header: L('finding.score'), width: 0.09, align: 'right', size: SMALL },
      { header: L('finding.summary'), width: 0.37, size: SMALL },
    ],
    findings.map((f): Cell[] => [
      String(f.id),
      `${f.analyserId}\n${f.analyserVersion}`,
      f.zone ? `${f.kind}\n${L('document.zone')}: ${f.zone}` : f.kind,
      { text: L(`severity.${f.severity}` as LabelKey), colour: SEVERITY_COLOUR[f.severity], font: f.severity === 'high' ? 'sans-bold' : 'sans' },
      formatScore(f.score),
      f.summary,
    ]),
  );
}

function cover(w: PdfWriter, model: ReportModel, L: Labels): void {
  const doc = w.doc;
  if (model.case.demo) {
    doc.rect(MARGIN.left, doc.y, CONTENT_WIDTH, 26).lineWidth(1.5).strokeColor('#c62828').stroke();
    w.font('sans-bold', 11, '#c62828').doc.text(L('report.demoBanner'), MARGIN.left, doc.y + 7, { width: CONTENT_WIDTH, align: 'center' });
    doc.y += 16;
  }
  doc.y += 40;
  w.font('sans-bold', 20).doc.text(L('report.title'), MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  w.font('sans', 10, '#555555').doc.text(L('report.subtitle'), { width: CONTENT_WIDTH });
  doc.y += 24;
  w.font('sans-bold', 15).doc.text(model.case.title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.y += 14;
  w.font('sans', BODY);
  w.keyValues([
    [L('cover.reference'), orDash(model.case.reference)],
    [L('cover.examiner'), orDash(model.case.examiner)],
    [L('cover.organisation'), orDash(model.case.organisation)],
    [L('cover.date'), formatTime(model.exportedAt)],
    [L('cover.caseCreated'), formatTime(model.case.createdAt)],
    [L('cover.software'), model.software],
    [L('report.signingKey'), { text: model.signerFingerprint, font: 'mono' }],
  ]);
  w.heading(L('cover.note'), 3);
  const n = model.coverNote;
  w.keyValues([
    [L('cover.handling'), `${n.handling} – ${L(`handling.${n.handling}` as LabelKey)}`],
    [L('cover.sourceReliability'), `${n.sourceReliability} – ${L(`reliability.${n.sourceReliability}` as LabelKey)}`],
    [L('cover.informationAccuracy'), `${n.informationAccuracy} – ${L(`accuracy.${n.informationAccuracy}` as LabelKey)}`],
    [L('cover.authorization'), n.authorization],
    ...(n.requestedAction ? ([[L('cover.requestedAction'), n.requestedAction]] as [string, string][]) : []),
  ]);
}

function summary(w: PdfWriter, model: ReportModel, L: Labels): void {
  const s = model.summary;
  w.keyValues([
    [L('summary.selectedItems'), String(s.items)],
    [L('summary.exhibits'), `${s.exhibits} (${model.exhibits.map((x) => x.label).join(', ')})`],
    [L('summary.documents'), String(s.documents)],
    [L('summary.documentsByLevel'), (['strong-indicators', 'review', 'no-indicators', 'none'] as const).map((l) => `${L(`level.${l}` as LabelKey)}: ${s.documentsByLevel[l]}`).join('\n')],
    [L('summary.findings'), String(s.findings)],
    [L('summary.findingsBySeverity'), (['high', 'medium', 'low', 'info'] as const).map((k) => `${L(`severity.${k}` as LabelKey)}: ${s.findingsBySeverity[k]}`).join('\n')],
    [L('summary.links'), [String(s.links), ...Object.entries(s.linksByKind).map(([k, v]) => `${kindLabel(L, k)}: ${v}`)].join('\n')],
    [L('summary.families'), String(s.families)],
    [L('summary.files'), String(s.files)],
  ]);
}

function exhibits(w: PdfWriter, model: ReportModel, L: Labels, parent: PDFKit.PDFOutline | null): void {
  const byId = new Map(model.items.map((i) => [i.id, i]));
  for (const x of model.exhibits) {
    w.ensure(160);
    w.anchor(`exhibit-${x.id}`, parent ? { title: `${L('exhibit.label')} ${x.label}`, parent } : undefined);
    w.heading(`${L('exhibit.label')} ${x.label}`, 2);
    w.keyValues([
      [L('exhibit.description'), orDash(x.description)],
      [L('exhibit.seizedBy'), orDash(x.seizedBy)],
      [L('exhibit.seizedAt'), orDash(x.seizedAt)],
      [L('exhibit.place'), orDash(x.place)],
      [L('exhibit.device'), orDash(x.device)],
      [L('exhibit.serial'), orDash(x.serial)],
      [L('exhibit.imei'), { text: orDash(x.imei), font: 'mono' }],
      [L('exhibit.seal'), orDash(x.seal)],
      [L('exhibit.notes'), orDash(x.notes)],
      [
        L('exhibit.items'),
        [
          ...x.itemIds.slice(0, EXHIBIT_ITEMS_LISTED).map((id) => `${id}: ${byId.get(id)?.exhibitPath ?? ''}`),
          ...(x.itemIds.length > EXHIBIT_ITEMS_LISTED ? [L('exhibit.itemsMore', { count: x.itemIds.length - EXHIBIT_ITEMS_LISTED })] : []),
        ].join('\n'),
      ],
    ]);
  }
}

/** The document image with its zones: outline colour, line style and (for deviations) a hatch by state; a tag names every zone that does not agree. */
function documentFigure(w: PdfWriter, d: ReportDocument, L: Labels): void {
  const doc = w.doc;
  if (!d.image) {
    w.paragraph(L('document.noImage'), { colour: '#555555' });
    return;
  }
  const scale = Math.min(CONTENT_WIDTH / d.image.width, 330 / d.image.height);
  const width = d.image.width * scale;
  const height = d.image.height * scale;
  w.ensure(height + 30);
  const x0 = MARGIN.left;
  const y0 = doc.y;
  doc.image(d.image.data, x0, y0, { width, height });
  doc.rect(x0, y0, width, height).lineWidth(0.4).strokeColor('#888888').stroke();
  const zones = [...d.zones].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  for (const z of zones) {
    const s = ZONE_STYLE[z.state];
    const x = x0 + z.box.x * scale;
    const y = y0 + z.box.y * scale;
    const zw = z.box.width * scale;
    const zh = z.box.height * scale;
    if (z.state === 'deviates') {
      doc.save();
      doc.rect(x, y, zw, zh).clip();
      doc.lineWidth(0.6).strokeColor(s.colour).strokeOpacity(0.55);
      for (let t = -zh; t < zw; t += 5) doc.moveTo(x + t, y + zh).lineTo(x + t + zh, y).stroke();
      doc.restore();
    }
    doc.lineWidth(s.width * 0.7).strokeColor(s.colour).strokeOpacity(1);
    if (s.dash.length) doc.dash(s.dash[0]!, { space: s.dash[1]! });
    doc.rect(x, y, zw, zh).stroke();
    doc.undash();
    if (z.state !== 'agrees') {
      const tag = `${s.symbol} ${z.id}`;
      w.font('sans-bold', 6);
      const tw = doc.widthOfString(tag) + 4;
      const ty = y >= y0 + 9 ? y - 9 : y + zh;
      doc.rect(x, ty, tw, 9).fill(s.colour);
      doc.fillColor('#ffffff').text(tag, x + 2, ty + 1.2, { lineBreak: false });
    }
  }
  doc.y = y0 + height + 3;
  w.font('sans', SMALL, '#333333').doc.text(d.imageFrame === 'aligned' ? L('document.imageAligned') : L('document.imageRectified'), MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  if (d.zones.length) {
    // Legend: a sample outline per state, then its label.
    let x = MARGIN.left;
    const y = doc.y + 3;
    w.font('sans', SMALL, '#333333').doc.text(`${L('zone.legend')}:`, x, y, { lineBreak: false });
    x += doc.widthOfString(`${L('zone.legend')}:`) + 6;
    let y2 = y;
    for (const st of ['agrees', 'review', 'deviates', 'not-checked'] as const) {
      const s = ZONE_STYLE[st];
      const label = `${s.symbol} ${L(`zone.${st}`)}`;
      w.font('sans', SMALL, s.colour);
      const needed = 17 + doc.widthOfString(label);
      if (x + needed > MARGIN.left + CONTENT_WIDTH) {
        // Wrap the legend rather than write into the margin.
        x = MARGIN.left;
        y2 += 11;
      }
      doc.lineWidth(s.width * 0.7).strokeColor(s.colour);
      if (s.dash.length) doc.dash(s.dash[0]!, { space: s.dash[1]! });
      doc.rect(x, y2, 14, 7).stroke();
      doc.undash();
      doc.fillColor(s.colour).text(label, x + 17, y2, { lineBreak: false });
      x += needed + 10;
    }
    doc.y = y2 + 12;
  }
  doc.x = MARGIN.left;
  doc.y += 4;
  w.font('sans', BODY);
}

function documentPage(w: PdfWriter, d: ReportDocument, model: ReportModel, L: Labels, findingsById: ReadonlyMap<number, ReportFinding>): void {
  const level = d.assessment ? d.assessment.level : 'none';
  w.keyValues([
    [L('document.item'), `${d.itemId}: ${d.exhibitLabel} · ${d.itemName}`],
    [L('document.sha256'), { text: d.sha256, font: 'mono' }],
    [L('document.found'), `${d.sizeClass} · ${d.side} · ${d.method} (${formatScore(d.confidence)})`],
    [L('document.template'), d.template ? `${d.template.id}@${d.template.version}${d.template.title ? ` – ${d.template.title}` : ''}${d.template.side ? ` (${d.template.side})` : ''}${d.template.sha256 ? `\n${d.template.sha256}` : ''}` : '–'],
    ...(d.template ? ([[L('document.recognition'), formatScore(d.template.recognitionScore)]] as [string, string][]) : []),
    [L('document.level'), { text: `${L(`level.${level}` as LabelKey)}${d.assessment ? ` · ${L('document.score')} ${formatScore(d.assessment.score)}` : ''}`, colour: LEVEL_COLOUR[level], font: 'sans-bold' }],
  ]);
  documentFigure(w, d, L);
  w.heading(L('document.assessment'), 3);
  if (d.assessment && d.assessment.reasons.length) {
    w.table(
      [
        { header: L('document.reasons'), width: 0.2, font: 'mono', size: 6.5 },
        { header: L('document.zone'), width: 0.13, size: SMALL },
        { header: L('document.weight'), width: 0.09, align: 'right', size: SMALL },
        { header: L('document.message'), width: 0.48, size: SMALL },
        { header: L('document.finding'), width: 0.1, size: SMALL },
      ],
      d.assessment.reasons.map((r) => [r.code, orDash(r.zone), formatScore(r.weight), r.message, r.findingId !== null ? `#${r.findingId}` : '–']),
    );
  } else w.paragraph(d.assessment ? L('level.no-indicators') : L('document.notAssessed'), { colour: '#555555' });
  if (d.zones.length) {
    w.heading(L('document.zones'), 3);
    w.table(
      [
        { header: L('document.zone'), width: 0.18, font: 'mono', size: 6.5 },
        { header: L('document.state'), width: 0.16, size: SMALL },
        { header: L('document.message'), width: 0.66, size: 6.5 },
      ],
      orderedZones(d.zones).map((z): Cell[] => [
        z.field ? `${z.id}\n${z.field}` : z.id,
        { text: `${ZONE_STYLE[z.state].symbol} ${L(`zone.${z.state}`)}`, colour: ZONE_STYLE[z.state].colour, font: z.state === 'deviates' ? 'sans-bold' : 'sans' },
        z.checks.map((c) => `${c.code} (${formatScore(c.deviation)}): ${c.summary}`).join('\n') || '–',
      ]),
    );
  }
  w.heading(L('document.mrz'), 3);
  if (d.mrz) {
    const lines = d.mrz.lines.join('\n');
    const h = w.heightOf(lines, CONTENT_WIDTH - 12, 'mono', 9.5) + 10;
    w.ensure(h + 20);
    const y = w.doc.y;
    w.doc.rect(MARGIN.left, y, CONTENT_WIDTH, h).fill('#f3f3f3');
    w.font('mono', 9.5).doc.text(lines, MARGIN.left + 6, y + 5, { width: CONTENT_WIDTH - 12, lineGap: 1 });
    w.doc.y = y + h + 4;
    w.paragraph(`${L('document.mrzFormat')}: ${orDash(d.mrz.format)} · ${L('document.mrzValid')}: ${L(d.mrz.valid ? 'check.valid' : 'check.invalid')}`);
    if (d.mrz.checks.length) {
      w.table(
        [
          { header: L('document.check'), width: 0.4, font: 'mono', size: SMALL },
          { header: L('document.expected'), width: 0.2, font: 'mono', size: SMALL },
          { header: L('document.found.digit'), width: 0.2, font: 'mono', size: SMALL },
          { header: L('document.result'), width: 0.2, size: SMALL },
        ],
        d.mrz.checks.map((c): Cell[] => [c.name, c.expected, c.found, { text: L(c.valid ? 'check.valid' : 'check.invalid'), colour: c.valid ? '#111111' : '#c62828' }]),
      );
    }
    if (d.mrz.corrections.length) w.paragraph(`${L('document.corrections')}:\n${d.mrz.corrections.join('\n')}`, { size: SMALL });
  } else w.paragraph(L('document.noMrz'), { colour: '#555555' });
  if (d.crossChecks.length) {
    w.heading(L('document.printedVsMrz'), 3);
    w.table(
      [
        { header: L('document.field'), width: 0.15, font: 'mono', size: 6.5 },
        { header: L('document.printed'), width: 0.2, size: SMALL },
        { header: L('document.mrzValue'), width: 0.17, font: 'mono', size: 6.5 },
        { header: L('document.result'), width: 0.13, size: SMALL },
        { header: L('document.explanation'), width: 0.35, size: 6.5 },
      ],
      d.crossChecks.map((c): Cell[] => [c.field, orDash(c.printed), orDash(c.mrz), { text: L(`cross.${c.status}` as LabelKey), colour: c.status === 'mismatch' ? '#c62828' : '#111111' }, c.explanation]),
    );
  }
  w.heading(L('document.findings'), 3);
  findingsTable(w, L, d.findingIds.flatMap((id) => findingsById.get(id) ?? []));
  const shown = new Set([...d.findingIds, ...d.crossChecks.flatMap((c) => (c.findingId === null ? [] : [c.findingId]))]);
  const rest = model.findings.filter((f) => f.documentId === d.id && !shown.has(f.id));
  if (rest.length) {
    w.heading(L('document.printedFields'), 3);
    findingsTable(w, L, rest);
  }
}

function itemPage(w: PdfWriter, i: ReportItem, L: Labels, findingsById: ReadonlyMap<number, ReportFinding>): void {
  const doc = w.doc;
  w.keyValues([
    [L('item.name'), i.name],
    [L('exhibit.label'), i.exhibitLabel],
    [L('item.path'), i.exhibitPath],
    [L('item.size'), String(i.size)],
    [L('item.type'), orDash(i.mime)],
    ...(i.width && i.height ? ([[L('item.pixels'), `${i.width} × ${i.height}`]] as [string, string][]) : []),
    ['SHA-256', { text: orDash(i.sha256), font: 'mono' }],
    i.sameContentAs === null ? [L('item.fusedScore'), formatScore(i.forensicScore)] : ['SHA-256', `= ${L('item.label')} ${i.sameContentAs}`],
    ...(i.documentIds.length ? ([[L('item.documents'), i.documentIds.map((id) => `${L('document.label')} ${id}`).join(', ')]] as [string, string][]) : []),
  ]);
  if (i.thumbnail) {
    const scale = Math.min(170 / i.thumbnail.width, 130 / i.thumbnail.height);
    w.ensure(i.thumbnail.height * scale + 8);
    doc.image(i.thumbnail.data, MARGIN.left, doc.y, { width: i.thumbnail.width * scale, height: i.thumbnail.height * scale });
    doc.y += i.thumbnail.height * scale + 8;
  }
  if (i.sameContentAs !== null) return;
  if (i.runs.length) {
    w.heading(L('item.analysers'), 3);
    w.table(
      [
        { header: L('finding.analyser'), width: 0.45, size: SMALL },
        { header: L('finding.version'), width: 0.2, font: 'mono', size: 6.5 },
        { header: L('item.status'), width: 0.23, size: SMALL },
        { header: L('finding.score'), width: 0.12, align: 'right', size: SMALL },
      ],
      i.runs.map((r) => [`${r.title}\n${r.analyserId}`, r.version, r.reason ? `${L(`status.${r.status}` as LabelKey)}: ${r.reason}` : L(`status.${r.status}` as LabelKey), formatScore(r.score)]),
    );
  }
  w.heading(L('item.maps'), 3);
  if (i.maps.length) {
    // Legend: the colour ramp from the unsuspicious to the suspicious end.
    const y = doc.y;
    const stops = rampStops(16);
    const rampW = 120;
    stops.slice(0, -1).forEach((s, k) => {
      const a = s.alpha;
      const mix = (c: number) => Math.round(255 * (1 - a) + c * a);
      doc.rect(MARGIN.left + (k * rampW) / (stops.length - 1), y, rampW / (stops.length - 1) + 0.3, 7).fill(`#${s.rgb.map((c) => mix(c).toString(16).padStart(2, '0')).join('')}`);
    });
    doc.rect(MARGIN.left, y, rampW, 7).lineWidth(0.4).strokeColor('#888888').stroke();
    w.font('sans', SMALL, '#333333').doc.text(L('item.mapScale'), MARGIN.left + rampW + 6, y - 0.5, { lineBreak: false });
    doc.y = y + 14;
    const gap = 10;
    const cellW = (CONTENT_WIDTH - 2 * gap) / 3;
    for (let k = 0; k < i.maps.length; k += 3) {
      const row = i.maps.slice(k, k + 3);
      const imgH = Math.max(...row.map((m) => (m.image.height * cellW) / m.image.width));
      const captionH = Math.max(...row.map((m) => w.heightOf(`${m.name} · ${m.analyserId}\n${m.unit}`, cellW, 'sans', 6.5)));
      w.ensure(imgH + captionH + 10);
      const top = doc.y;
      row.forEach((m, c) => {
        const x = MARGIN.left + c * (cellW + gap);
        const h = (m.image.height * cellW) / m.image.width;
        doc.image(m.image.data, x, top, { width: cellW, height: h });
        doc.rect(x, top, cellW, h).lineWidth(0.4).strokeColor('#888888').stroke();
        w.font('sans-bold', 6.5).doc.text(`${m.name} · ${m.analyserId}`, x, top + imgH + 2, { width: cellW });
        w.font('sans', 6.5, '#333333').doc.text(m.unit, x, doc.y, { width: cellW });
      });
      doc.y = top + imgH + captionH + 10;
    }
    doc.x = MARGIN.left;
  } else w.paragraph(L('item.noMaps'), { colour: '#555555' });
  w.heading(L('item.findings'), 3);
  findingsTable(w, L, i.findingIds.flatMap((id) => findingsById.get(id) ?? []));
}

/** The items without results, a row each (isListedOnly). */
function listedItems(w: PdfWriter, items: readonly ReportItem[], L: Labels): void {
  w.paragraph(L('item.listedIntro'), { colour: '#333333' });
  w.table(
    [
      { header: '#', width: 0.06, align: 'right', size: 6.5 },
      { header: `${L('exhibit.label')} · ${L('item.path')}`, width: 0.27, size: 6.5 },
      { header: L('item.type'), width: 0.12, size: 6.5 },
      { header: L('item.size'), width: 0.09, align: 'right', size: 6.5 },
      // 64 hex digits of DejaVu Sans Mono at 5.5 pt are 212 pt wide: 0.46 of the content width keeps them on one line.
      { header: 'SHA-256', width: 0.46, font: 'mono', size: 5.5 },
    ],
    items.map((i): Cell[] => [
      String(i.id),
      `${i.exhibitLabel} · ${i.exhibitPath}`,
      orDash(i.mime),
      String(i.size),
      i.sameContentAs === null ? orDash(i.sha256) : `${orDash(i.sha256)}\n${L('item.sameAs', { id: i.sameContentAs })}`,
    ]),
  );
}

function links(w: PdfWriter, model: ReportModel, L: Labels): void {
  if (model.linkPass) w.paragraph(`${L('links.pass')} ${model.linkPass.id} · linker ${model.linkPass.linkerVersion}${model.linkPass.finishedAt ? ` · ${formatTime(model.linkPass.finishedAt)}` : ''}`, { size: SMALL, colour: '#555555' });
  if (model.links.length) {
    w.table(
      [
        { header: L('links.kind'), width: 0.16, size: SMALL },
        { header: L('links.from'), width: 0.22, size: SMALL },
        { header: L('links.to'), width: 0.22, size: SMALL },
        { header: L('links.strength'), width: 0.09, align: 'right', size: SMALL },
        { header: L('links.summary'), width: 0.31, size: 6.5 },
      ],
      model.links.map((l) => [kindLabel(L, l.kind), l.fromLabel, l.toLabel, formatScore(l.strength), l.summary]),
    );
  } else w.paragraph(L('links.none'), { colour: '#555555' });
  w.heading(L('links.families'), 2);
  if (model.families.length) {
    w.table(
      [
        { header: L('links.family'), width: 0.35, size: SMALL },
        { header: L('links.members'), width: 0.65, size: SMALL },
      ],
      model.families.map((f) => [`${f.label}\n${f.ref}`, f.members.join('\n')]),
    );
  } else w.paragraph(L('links.noFamilies'), { colour: '#555555' });
}

function methods(w: PdfWriter, model: ReportModel, L: Labels): void {
  w.paragraph(L('methods.intro'));
  w.table(
    [
      { header: L('methods.analyser'), width: 0.2, font: 'mono', size: 6.5 },
      { header: L('methods.version'), width: 0.14, font: 'mono', size: 6.5 },
      { header: L('methods.items'), width: 0.08, align: 'right', size: SMALL },
      { header: L('methods.parameters'), width: 0.58, font: 'mono', size: 6 },
    ],
    model.methods.map((m) => [m.analyserId, m.version, String(m.runs), m.parameters]),
  );
}

function limitations(w: PdfWriter, model: ReportModel, L: Labels): void {
  const keys: LabelKey[] = ['limitations.evidence', 'limitations.documents', 'limitations.mrz', 'limitations.forensics', 'limitations.links', 'limitations.calibration', ...(model.case.demo ? (['limitations.demo'] as LabelKey[]) : [])];
  for (const key of keys) {
    const texts = L.each(key);
    w.ensure(60);
    texts.forEach((text, n) => w.paragraph(text, { font: n === 0 ? (key === 'limitations.demo' ? 'sans-bold' : 'sans') : 'sans-oblique', colour: key === 'limitations.demo' ? '#c62828' : n === 0 ? '#111111' : '#333333', gap: n === texts.length - 1 ? 9 : 3 }));
  }
}

function hashes(w: PdfWriter, model: ReportModel, L: Labels): void {
  w.paragraph(L('hashes.intro'));
  w.table(
    [
      { header: L('hashes.path'), width: 0.33, font: 'mono', size: 6.5 },
      { header: L('hashes.size'), width: 0.12, align: 'right', size: 6.5 },
      { header: L('hashes.sha256'), width: 0.55, font: 'mono', size: 6.5 },
    ],
    model.packagedFiles.map((f) => [f.bagPath, String(f.size), f.sha256]),
  );
}

function tableOfContents(w: PdfWriter, entries: readonly OutlineEntry[], firstPage: number, L: Labels): void {
  const doc = w.doc;
  entries.forEach((entry, k) => {
    const page = firstPage + Math.floor(k / TOC_PER_PAGE);
    doc.switchToPage(page);
    const y = MARGIN.top + 30 + (k % TOC_PER_PAGE) * TOC_LINE;
    const target = w.anchors.get(entry.id);
    const number = target === undefined ? '' : String(target + 1);
    const indent = entry.depth === 0 ? 0 : 14;
    w.font(entry.depth === 0 ? 'sans-bold' : 'sans', entry.depth === 0 ? BODY : 8.5);
    const numberW = 40;
    doc.text(entry.title, MARGIN.left + indent, y, { width: CONTENT_WIDTH - indent - numberW - 6, lineBreak: false, ellipsis: true, goTo: entry.id });
    doc.text(number, MARGIN.left + CONTENT_WIDTH - numberW, y, { width: numberW, align: 'right', lineBreak: false, goTo: entry.id });
  });
  doc.switchToPage(firstPage);
  w.font('sans-bold', 14).doc.text(L('toc.title'), MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, lineBreak: false });
  doc.moveTo(MARGIN.left, MARGIN.top + 20).lineTo(MARGIN.left + CONTENT_WIDTH, MARGIN.top + 20).lineWidth(1.2).strokeColor('#111111').stroke();
}

function runningHeaderFooter(w: PdfWriter, model: ReportModel, L: Labels): void {
  const doc = w.doc;
  const ref = `${L('report.caseRef')}: ${model.case.reference ?? '–'}`;
  w.decorate((page, pages) => {
    const top = 30;
    w.font('sans', 7, '#333333');
    doc.text(ref, MARGIN.left, top, { width: CONTENT_WIDTH * 0.6, lineBreak: false, ellipsis: true });
    if (model.case.demo) w.font('sans-bold', 7, '#c62828').doc.text(L('report.demoBanner'), MARGIN.left + CONTENT_WIDTH * 0.45, top, { width: CONTENT_WIDTH * 0.55, align: 'right', lineBreak: false });
    else w.font('sans', 7, '#333333').doc.text(model.software, MARGIN.left + CONTENT_WIDTH * 0.6, top, { width: CONTENT_WIDTH * 0.4, align: 'right', lineBreak: false });
    doc.moveTo(MARGIN.left, top + 11).lineTo(MARGIN.left + CONTENT_WIDTH, top + 11).lineWidth(0.5).strokeColor('#999999').stroke();
    const bottom = PAGE.height - 48;
    doc.moveTo(MARGIN.left, bottom - 4).lineTo(MARGIN.left + CONTENT_WIDTH, bottom - 4).lineWidth(0.5).strokeColor('#999999').stroke();
    w.font('sans', 6.5, '#333333').doc.text(`${L('report.signingKey')}:`, MARGIN.left, bottom, { width: CONTENT_WIDTH * 0.72, lineBreak: false, ellipsis: true });
    w.font('mono', 6.5, '#111111').doc.text(model.signerFingerprint, MARGIN.left, bottom + 9, { width: CONTENT_WIDTH * 0.72, lineBreak: false, ellipsis: true });
    w.font('sans', 7.5, '#111111').doc.text(L('report.page', { page, pages }), MARGIN.left + CONTENT_WIDTH * 0.6, bottom + 4, { width: CONTENT_WIDTH * 0.4, align: 'right', lineBreak: false });
  });
}

/** The whole report as PDF bytes. */
export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const L = labelsFor(model.languages);
  const title = `${L('report.title')} – ${model.case.reference ?? model.case.title}`;
  const w = new PdfWriter({
    title,
    author: model.case.examiner ?? model.case.organisation ?? model.software,
    subject: model.case.title,
    keywords: [model.case.reference, model.signerFingerprint].filter(Boolean).join(', '),
    producer: model.software,
    createdAt: new Date(model.exportedAt),
    lang: model.languages[0] ?? 'en',
  });
  const findingsById = new Map(model.findings.map((f) => [f.id, f]));
  const entries = reportOutline(model, L);

  w.anchor('cover', { title: L('report.title') });
  cover(w, model, L);

  const tocPages = Math.max(1, Math.ceil(entries.length / TOC_PER_PAGE));
  w.newPage();
  const tocFirst = w.pageIndex;
  w.anchor('toc', { title: L('toc.title') });
  for (let k = 1; k < tocPages; k++) w.newPage();

  const section = (id: string, key: LabelKey, body: (parent: PDFKit.PDFOutline | null) => void) => {
    w.newPage();
    const parent = w.anchor(id, { title: L(key) });
    w.heading(L(key), 1);
    body(parent);
  };
  section('summary', 'section.summary', () => summary(w, model, L));
  section('exhibits', 'section.exhibits', (parent) => exhibits(w, model, L, parent));
  section('documents', 'section.documents', (parent) => {
    if (!model.documents.length) w.paragraph('–');
    model.documents.forEach((d, k) => {
      if (k > 0) w.newPage();
      w.anchor(`document-${d.id}`, parent ? { title: documentTitle(L, d), parent } : undefined);
      w.heading(documentTitle(L, d), 2);
      documentPage(w, d, model, L, findingsById);
    });
  });
  section('items', 'section.items', (parent) => {
    const paged = model.items.filter((i) => !isListedOnly(i));
    paged.forEach((i, k) => {
      if (k > 0) w.newPage();
      w.anchor(`item-${i.id}`, parent ? { title: itemTitle(L, i), parent } : undefined);
      w.heading(itemTitle(L, i), 2);
      itemPage(w, i, L, findingsById);
    });
    const listed = model.items.filter(isListedOnly);
    if (listed.length) {
      if (paged.length) w.newPage();
      const title = L('item.listedTitle', { count: listed.length });
      w.anchor(LISTED_ITEMS_ANCHOR, parent ? { title, parent } : undefined);
      w.heading(title, 2);
      listedItems(w, listed, L);
    }
  });
  section('links', 'section.links', () => links(w, model, L));
  section('methods', 'section.methods', () => methods(w, model, L));
  section('limitations', 'section.limitations', () => limitations(w, model, L));
  section('hashes', 'section.hashes', () => hashes(w, model, L));

  tableOfContents(w, entries, tocFirst, L);
  runningHeaderFooter(w, model, L);
  return w.finish();
}
