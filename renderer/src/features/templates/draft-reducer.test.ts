import { describe, expect, it } from 'vitest';
import type { SpecimenView } from '../../../../native/engine/contract';
import { editorReducer, initialEditorState } from './draft-reducer';
import type { EditorAction, EditorState } from './draft-reducer';

const specimen: SpecimenView = { draftImageId: 'd-7', width: 1012, height: 638, imageDataUrl: 'data:image/png;base64,AAAA', sizeClass: 'ID1', mrz: null, method: 'document-finder' };
const run = (actions: readonly EditorAction[], state: EditorState = initialEditorState()) => actions.reduce(editorReducer, state);
const zones = (state: EditorState) => state.draft.sides[state.side]!.zones;

describe('editorReducer', () => {
  it('draws zones with unique ids and selects the new one', () => {
    const state = run([
      { type: 'add-zone', kind: 'portrait', box: [0.1, 0.1, 0.2, 0.3] },
      { type: 'add-zone', kind: 'text', box: [0.4, 0.1, 0.3, 0.05] },
      { type: 'add-zone', kind: 'portrait', box: [0.7, 0.5, 0.1, 0.1] },
    ]);
    expect(zones(state).map((z) => z.id)).toEqual(['portrait', 'text', 'portrait-2']);
    expect(state.selected).toBe(2);
  });

  it('renames a text zone after its field while it keeps its default id, not after the author renamed it', () => {
    let state = run([{ type: 'add-zone', kind: 'text', box: [0.4, 0.1, 0.3, 0.05] }, { type: 'update-zone', index: 0, patch: { field: 'documentNumber' } }]);
    expect(zones(state)[0]).toMatchObject({ id: 'document-number', field: 'documentNumber' });
    state = run([{ type: 'update-zone', index: 0, patch: { field: 'surname' } }], state);
    expect(zones(state)[0]!.id).toBe('surname');
    state = run([{ type: 'update-zone', index: 0, patch: { id: 'name-line' } }, { type: 'update-zone', index: 0, patch: { field: 'givenNames' } }], state);
    expect(zones(state)[0]).toMatchObject({ id: 'name-line', field: 'givenNames' });
  });

  it('moves, deletes and keeps the selection on the same zone', () => {
    let state = run([
      { type: 'add-zone', kind: 'portrait', box: [0.1, 0.1, 0.2, 0.3] },
      { type: 'add-zone', kind: 'mrz', box: [0.01, 0.7, 0.98, 0.29] },
      { type: 'add-zone', kind: 'signature', box: [0.1, 0.6, 0.2, 0.05] },
      { type: 'select', index: 2 },
      { type: 'set-box', index: 0, box: [0.05, 0.1, 0.2, 0.3] },
      { type: 'delete-zone', index: 1 },
    ]);
    expect(zones(state).map((z) => z.id)).toEqual(['portrait', 'signature']);
    expect(zones(state)[0]!.box).toEqual([0.05, 0.1, 0.2, 0.3]);
    expect(state.selected).toBe(1);
    state = run([{ type: 'delete-zone', index: 1 }], state);
    expect(state.selected).toBeNull();
    expect(run([{ type: 'delete-zone', index: 5 }], state)).toBe(state);
    expect(run([{ type: 'select', index: 9 }], state).selected).toBeNull();
  });

  it('sets a side specimen and pre-fills the size', () => {
    const state = run([{ type: 'meta', patch: { widthMm: '', heightMm: '' } }, { type: 'specimen', side: 0, specimen }]);
    expect(state.draft.sides[0]!.image).toMatchObject({ draftImageId: 'd-7', width: 1012, height: 638 });
    expect(state.draft.meta).toMatchObject({ widthMm: '85.6', heightMm: '53.98' });
  });

  it('adds a back side once, draws on it separately, and removes it', () => {
    let state = run([{ type: 'add-zone', kind: 'portrait', box: [0.1, 0.1, 0.2, 0.3] }, { type: 'add-side', name: 'back' }, { type: 'add-side', name: 'back' }]);
    expect(state.draft.sides.map((s) => s.name)).toEqual(['front', 'back']);
    expect(state.side).toBe(1);
    state = run([{ type: 'add-zone', kind: 'mrz', box: [0.01, 0.7, 0.98, 0.29] }], state);
    expect(zones(state).map((z) => z.id)).toEqual(['mrz']);
    state = run([{ type: 'show-side', side: 0 }], state);
    expect(zones(state).map((z) => z.id)).toEqual(['portrait']);
    state = run([{ type: 'remove-side', side: 1 }, { type: 'remove-side', side: 0 }], state);
    expect(state.draft.sides.map((s) => s.name)).toEqual(['front']);
  });
});
