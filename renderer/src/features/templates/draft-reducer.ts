/**
 * The authoring screen's state: the draft, the side being drawn on and the selected zone, changed only
 * through these actions (a reducer, so every edit is a pure, tested step).
 */
import type { SpecimenView } from '../../../../native/engine/contract';
import { emptyDraft, newZone, prefillFromSpecimen, specimenImage, uniqueZoneId, zoneIds } from './template-draft';
import type { DraftMeta, DraftZone, TemplateDraft, ZoneKind } from './template-draft';
import type { ZoneBox } from './zone-geometry';

export interface EditorState {
  readonly draft: TemplateDraft;
  /** Index of the side shown in the editor. */
  readonly side: number;
  /** Index of the selected zone on that side, or null. */
  readonly selected: number | null;
}

export type EditorAction =
  | { readonly type: 'replace'; readonly draft: TemplateDraft }
  | { readonly type: 'meta'; readonly patch: Partial<DraftMeta> }
  | { readonly type: 'specimen'; readonly side: number; readonly specimen: SpecimenView }
  | { readonly type: 'add-side'; readonly name: string }
  | { readonly type: 'remove-side'; readonly side: number }
  | { readonly type: 'show-side'; readonly side: number }
  | { readonly type: 'add-zone'; readonly kind: ZoneKind; readonly box: ZoneBox }
  | { readonly type: 'update-zone'; readonly index: number; readonly patch: Partial<Omit<DraftZone, 'box'>> }
  | { readonly type: 'set-box'; readonly index: number; readonly box: ZoneBox }
  | { readonly type: 'delete-zone'; readonly index: number }
  | { readonly type: 'select'; readonly index: number | null };

export function initialEditorState(draft: TemplateDraft = emptyDraft()): EditorState {
  return { draft, side: 0, selected: null };
}

function withZones(state: EditorState, change: (zones: readonly DraftZone[]) => readonly DraftZone[]): TemplateDraft {
  return { ...state.draft, sides: state.draft.sides.map((side, i) => (i === state.side ? { ...side, zones: change(side.zones) } : side)) };
}

/** Apply one edit. Actions naming a side or zone that does not exist leave the state as it is. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const side = state.draft.sides[state.side];
  switch (action.type) {
    case 'replace':
      return initialEditorState(action.draft);
    case 'meta':
      return { ...state, draft: { ...state.draft, meta: { ...state.draft.meta, ...action.patch } } };
    case 'specimen': {
      if (!state.draft.sides[action.side]) return state;
      const sides = state.draft.sides.map((s, i) => (i === action.side ? { ...s, image: specimenImage(action.specimen) } : s));
      return { ...state, draft: { ...state.draft, sides, meta: prefillFromSpecimen(state.draft.meta, action.specimen) } };
    }
    case 'add-side': {
      if (state.draft.sides.some((s) => s.name === action.name)) return state;
      const sides = [...state.draft.sides, { name: action.name, image: null, zones: [] }];
      return { draft: { ...state.draft, sides }, side: sides.length - 1, selected: null };
    }
    case 'remove-side': {
      if (state.draft.sides.length <= 1 || !state.draft.sides[action.side]) return state;
      const sides = state.draft.sides.filter((_, i) => i !== action.side);
      return { draft: { ...state.draft, sides }, side: Math.min(state.side, sides.length - 1), selected: null };
    }
    case 'show-side':
      return state.draft.sides[action.side] ? { ...state, side: action.side, selected: null } : state;
    case 'add-zone': {
      if (!side) return state;
      const zone = newZone(uniqueZoneId(action.kind, '', zoneIds(state.draft)), action.kind, action.box);
      return { ...state, draft: withZones(state, (zones) => [...zones, zone]), selected: side.zones.length };
    }
    case 'update-zone': {
      const zone = side?.zones[action.index];
      if (!zone) return state;
      let patch = action.patch;
      // A text zone still called by its default id follows the field chosen for it (`text` → `birth-date`).
      if (patch.field !== undefined && patch.id === undefined && zone.kind === 'text') {
        const taken = zoneIds(state.draft);
        taken.delete(zone.id);
        if (zone.id === uniqueZoneId('text', zone.field, taken)) patch = { ...patch, id: uniqueZoneId('text', patch.field, taken) };
      }
      return { ...state, draft: withZones(state, (zones) => zones.map((z, i) => (i === action.index ? { ...z, ...patch } : z))) };
    }
    case 'set-box':
      if (!side?.zones[action.index]) return state;
      return { ...state, draft: withZones(state, (zones) => zones.map((z, i) => (i === action.index ? { ...z, box: action.box } : z))) };
    case 'delete-zone': {
      if (!side?.zones[action.index]) return state;
      const selected = state.selected === null || state.selected === action.index ? null : state.selected > action.index ? state.selected - 1 : state.selected;
      return { ...state, draft: withZones(state, (zones) => zones.filter((_, i) => i !== action.index)), selected };
    }
    case 'select':
      return { ...state, selected: action.index !== null && side?.zones[action.index] ? action.index : null };
  }
}
