import type { BoxView, MrzCharView, VizFieldView } from '../../../../native/engine/contract';

export interface RectifiedImageProps {
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly chars: readonly MrzCharView[];
  readonly viz: readonly VizFieldView[];
  /** Character (line, column) under the pointer in the MRZ text, highlighted here too. */
  readonly focus: { readonly line: number; readonly column: number } | null;
}

const rect = (box: BoxView, className: string, key: string, testId?: string) => (
  <rect key={key} className={className} x={box.x} y={box.y} width={box.width} height={box.height} data-testid={testId} />
);

/**
 * The rectified document with its evidence drawn over it in the document's own pixel coordinates:
 * failing MRZ characters in red, characters the engine corrected in amber, printed-field boxes in blue.
 */
export function RectifiedImage({ src, width, height, chars, viz, focus }: RectifiedImageProps) {
  return (
    <div className="rectified" data-testid="rectified-image">
      <img src={src} alt="Rectified document" width={width} height={height} />
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
        {viz.map((field, i) => field.box && rect(field.box, 'viz-box', `viz-${i}`))}
        {chars.map((c) =>
          c.box && c.state !== 'ok' ? rect(c.box, `mrz-box ${c.state}`, `c-${c.line}-${c.column}`, c.state === 'failing' ? 'mrz-box-failing' : 'mrz-box-corrected') : null,
        )}
        {focus &&
          chars
            .filter((c) => c.line === focus.line && c.column === focus.column && c.box)
            .map((c) => rect(c.box!, 'mrz-box focus', 'focus'))}
      </svg>
    </div>
  );
}
