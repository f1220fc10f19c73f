/** Test images: text set in DejaVu Sans (fonts-dejavu-core) on a plain background, rendered by sharp from SVG. */
import sharp from 'sharp';

/** One run of text; `y` is the baseline. */
export interface TextItem {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  /** Font size in px. */
  readonly size: number;
  readonly bold?: boolean;
  readonly colour?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A flattened PNG of the given text runs. */
export async function renderTextPng(width: number, height: number, items: readonly TextItem[], background = '#fbfaf5'): Promise<Buffer> {
  const runs = items.map(
    (item) =>
      `<text x="${item.x}" y="${item.y}" font-family="DejaVu Sans" font-size="${item.size}"${item.bold ? ' font-weight="bold"' : ''} fill="${item.colour ?? '#1a1a1a'}">${escapeXml(item.text)}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="${background}"/>${runs.join('')}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background }).png().toBuffer();
}

/** A labelled field: a small label with its value printed under it, as on ID cards. */
export function labelledField(label: string, value: string, x: number, y: number): TextItem[] {
  return [
    { text: label, x, y, size: 15, colour: '#24406b' },
    { text: value, x, y: y + 30, size: 25, bold: true },
  ];
}

/**
 * A fictional Serbian-style identity card side, 1000 x 630 px, with trilingual labels (Cyrillic /
 * Latin / English) and values in Latin with diacritics. All names and numbers are invented.
 */
export async function renderSerbianStyleCard(): Promise<Buffer> {
  return renderTextPng(1000, 630, [
    { text: 'ЛИЧНА КАРТА / LIČNA KARTA', x: 40, y: 60, size: 30, bold: true },
    ...labelledField('Презиме / Prezime / Surname', 'ĐORĐEVIĆ', 330, 130),
    ...labelledField('Име / Ime / Given names', 'ŽELJKO', 330, 200),
    ...labelledField('Датум рођења / Datum rođenja', '12.03.1985.', 330, 270),
    ...labelledField('Пол / Pol / Sex', 'M', 760, 270),
    ...labelledField('Место рођења / Mesto rođenja', 'ČAČAK', 330, 340),
    ...labelledField('Држављанство / Državljanstvo', 'SRB', 760, 340),
    ...labelledField('Датум издавања / Datum izdavanja', '05.06.2021.', 330, 410),
    ...labelledField('Важи до / Važi do', '05.06.2031.', 760, 410),
    ...labelledField('Број документа / Broj dokumenta', '009876543', 330, 480),
  ]);
}
