/**
 * A thin layer over pdfkit for the report: A4 pages with room for a running header and footer, headings that
 * keep their first lines with them, key–value and column tables that break across pages (repeating their
 * header row), and page bookkeeping for the table of contents and "page X of Y".
 */
import PDFDocument from 'pdfkit';
import { reportFonts, type FontName } from './fonts';

/** A4 in PostScript points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
/** Margins: 20 mm at the sides, 24 mm top and bottom, which leaves 10 mm bands for the running header and footer. */
export const MARGIN = { top: 68, bottom: 68, left: 50, right: 50 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom;

/** Body text size (pt): 9 pt DejaVu Sans is as wide as 10 pt Times and reads well printed. */
export const BODY = 9;
/** Small print: tables of hashes, parameters, captions. */
export const SMALL = 7.5;
/** Cell padding (pt). */
const PAD = 3;

export interface Column {
  readonly header: string;
  /** Fraction of the content width. */
  readonly width: number;
  readonly font?: FontName;
  readonly size?: number;
  readonly align?: 'left' | 'right';
}

/** A table cell: text, optionally in a colour. */
export type Cell = string | { readonly text: string; readonly colour?: string; readonly font?: FontName };

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** Page index (0-based) where each anchor was placed. */
  readonly anchors = new Map<string, number>();

  constructor(info: { title: string; author: string; subject: string; keywords: string; producer: string; createdAt: Date; lang: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      lang: info.lang,
      displayTitle: true,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Keywords: info.keywords,
        Producer: info.producer,
        Creator: info.producer,
        CreationDate: info.createdAt,
        ModDate: info.createdAt,
      },
    });
    for (const [name, bytes] of Object.entries(reportFonts())) this.doc.registerFont(name, bytes);
    this.doc.font('sans').fontSize(BODY).fillColor('#111111');
  }

  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  get y(): number {
    return this.doc.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
    this.doc.y = MARGIN.top;
  }

  /** Start a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > CONTENT_BOTTOM) this.newPage();
  }

  /** Mark the current position as `id` (a named destination, a bookmark when `outline` is given). */
  anchor(id: string, outline?: { title: string; parent?: PDFKit.PDFOutline }): PDFKit.PDFOutline | null {
    this.anchors.set(id, this.pageIndex);
    // pdfkit turns `top` (from the top of the page) into PDF's bottom-up coordinate itself.
    this.doc.addNamedDestination(id, 'XYZ', MARGIN.left, Math.max(0, this.doc.y - 4), null);
    return outline ? (outline.parent ?? this.doc.outline).addItem(outline.title) : null;
  }

  font(name: FontName, size: number, colour = '#111111'): this {
    this.doc.font(name).fontSize(size).fillColor(colour);
    return this;
  }

  /**
   * The height of `text` when it is one line that fits `width` (as heightOf would give it), else null. Measuring a
   * width is a fraction of wrapping it: the hash appendix and item list of a 5,000-item export are 10,000 rows.
   */
  fitsOneLine(text: string, width: number, font: FontName, size: number): number | null {
    if (text.includes('\n')) return null;
    this.doc.font(font).fontSize(size);
    return this.doc.widthOfString(text || ' ') <= width ? this.doc.currentLineHeight(true) + 1 : null;
  }

  heightOf(text: string, width: number, font: FontName, size: number): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text || ' ', { width, lineGap: 1 });
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = level === 1 ? 14 : level === 2 ? 11.5 : 9.5;
    const before = level === 1 ? 0 : level === 2 ? 10 : 7;
    // Keep the heading with at least four lines of what follows.
    this.ensure(before + this.heightOf(text, CONTENT_WIDTH, 'sans-bold', size) + 4 * BODY * 1.3);
    if (this.doc.y > MARGIN.top + 1) this.doc.y += before;
    this.font('sans-bold', size).doc.text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: 1 });
    const ruleY = this.doc.y + 1.5;
    if (level < 3) {
      this.doc.moveTo(MARGIN.left, ruleY).lineTo(MARGIN.left + CONTENT_WIDTH, ruleY).lineWidth(level === 1 ? 1.2 : 0.5).strokeColor(level === 1 ? '#111111' : '#999999').stroke();
    }
    this.doc.y = ruleY + 5;
    this.font('sans', BODY);
  }

  paragraph(text: string, options: { font?: FontName; size?: number; colour?: string; gap?: number } = {}): void {
    const size = options.size ?? BODY;
    this.font(options.font ?? 'sans', size, options.colour).doc.text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
    this.doc.y += options.gap ?? 4;
    this.font('sans', BODY);
  }

  /** Two columns: label (bold) and value. */
  keyValues(rows: readonly (readonly [string, Cell])[], labelWidth = 0.34): void {
    this.table([{ header: '', width: labelWidth, font: 'sans-bold' }, { header: '', width: 1 - labelWidth }], rows.map((r) => [r[0], r[1]]), { header: false });
  }

  /**
   * Rows of cells under a header row; a row that does not fit goes to the next page with the header repeated.
   * A row taller than a page is written as paragraphs instead (long parameter lists).
   */
  table(columns: readonly Column[], rows: readonly (readonly Cell[])[], options: { header?: boolean } = {}): void {
    const withHeader = options.header !== false;
    const widths = columns.map((c) => c.width * CONTENT_WIDTH);
    const text = (cell: Cell) => (typeof cell === 'string' ? cell : cell.text);
    const fontOf = (cell: Cell, k: number, header: boolean): FontName => (header ? 'sans-bold' : (typeof cell !== 'string' && cell.font) || columns[k]!.font || 'sans');
    const sizeOf = (k: number, header: boolean) => (header ? SMALL : (columns[k]!.size ?? BODY));
    /** Per cell: its height, and whether it is one line that fits (drawn without pdfkit's line wrapper). */
    const layoutRow = (cells: readonly Cell[], header: boolean) => {
      const single = cells.map((cell, k) => this.fitsOneLine(text(cell), widths[k]! - 2 * PAD, fontOf(cell, k, header), sizeOf(k, header)));
      const height = Math.max(...cells.map((cell, k) => single[k] ?? this.heightOf(text(cell), widths[k]! - 2 * PAD, fontOf(cell, k, header), sizeOf(k, header)))) + 2 * PAD;
      return { height, single: single.map((h) => h !== null) };
    };
    const draw = (cells: readonly Cell[], header: boolean, layout: { height: number; single: boolean[] }) => {
      const h = layout.height;
      let x = MARGIN.left;
      const y = this.doc.y;
      if (header) this.doc.rect(MARGIN.left, y, CONTENT_WIDTH, h).fill('#eeeeee');
      cells.forEach((cell, k) => {
        const col = columns[k]!;
        const colour = typeof cell !== 'string' && cell.colour ? cell.colour : '#111111';
        this.font(fontOf(cell, k, header), sizeOf(k, header), colour).doc.text(text(cell), x + PAD, y + PAD, {
          width: widths[k]! - 2 * PAD,
          align: header ? 'left' : (col.align ?? 'left'),
          lineGap: 1,
          ...(layout.single[k] ? { lineBreak: false } : {}),
        });
        this.doc.rect(x, y, widths[k]!, h).lineWidth(0.4).strokeColor('#888888').stroke();
        x += widths[k]!;
      });
      this.doc.y = y + h;
      this.doc.x = MARGIN.left;
    };
    const headerCells = columns.map((c) => c.header);
    const headerLayout = layoutRow(headerCells, true);
    const headerHeight = withHeader ? headerLayout.height : 0;
    const usable = CONTENT_BOTTOM - MARGIN.top - headerHeight;
    this.ensure(headerHeight + (rows[0] ? Math.min(layoutRow(rows[0], false).height, usable) : 0));
    if (withHeader) draw(headerCells, true, headerLayout);
    for (const cells of rows) {
      const layout = layoutRow(cells, false);
      const h = layout.height;
      if (h > usable) {
        // Taller than a page: written as a block of paragraphs that may break anywhere.
        for (const [k, cell] of cells.entries()) {
          const label = columns[k]!.header;
          this.paragraph(label ? `${label}: ${text(cell)}` : text(cell), { font: columns[k]!.font ?? 'sans', size: columns[k]!.size ?? BODY, gap: 1 });
        }
        this.doc.y += 3;
        continue;
      }
      if (this.doc.y + h > CONTENT_BOTTOM) {
        this.newPage();
        if (withHeader) draw(headerCells, true, headerLayout);
      }
      draw(cells, false, layout);
    }
    this.doc.y += 6;
    this.font('sans', BODY);
  }

  /** Write the running header and footer on every page (after all content exists). */
  decorate(draw: (page: number, pages: number) => void): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Writing in the margins must not make pdfkit add a page.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      draw(i - start + 1, count);
      this.doc.page.margins = margins;
    }
  }

  /** The finished PDF. */
  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
