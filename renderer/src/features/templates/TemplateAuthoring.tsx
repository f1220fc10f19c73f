import { useEffect, useMemo, useReducer, useState } from 'react';
import type { CaseId, SpecimenView, TemplateSummaryView } from '../../../../native/engine/contract';
import type { TemplateRef } from '../../app/route';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { errorMessage } from '../../components/format';
import { DraftProblems } from './DraftProblems';
import { draftIsValid, validateDraft } from './draft-validation';
import { editorReducer, initialEditorState } from './draft-reducer';
import { MetaForm } from './MetaForm';
import { SideZoneList } from './SideZoneList';
import { SpecimenBar } from './SpecimenBar';
import { draftFromTemplate, draftInput, ZONE_KINDS } from './template-draft';
import type { ZoneKind } from './template-draft';
import { TrialPanel } from './TrialPanel';
import { ZoneEditor } from './ZoneEditor';
import type { EditorTool } from './ZoneEditor';
import { ZoneForm } from './ZoneForm';
import './templates.css';

export interface TemplateAuthoringProps {
  /** Author a new version of this template (its zones and metadata copied), or a new template when absent. */
  readonly from?: TemplateRef;
  readonly preferredCaseId: CaseId | null;
  readonly onLibrary: (template?: TemplateRef) => void;
}

/**
 * Authoring a template from a genuine specimen: straighten the specimen (`templates.specimen`), draw and
 * describe the zones on it, fill in the template's identity and MRZ expectations, try the draft on a case
 * document or a file (`templates.try`), and save it into the user template folder (`templates.save`).
 */
export function TemplateAuthoring({ from, preferredCaseId, onLibrary }: TemplateAuthoringProps) {
  const { client } = useEngine();
  const [state, dispatch] = useReducer(editorReducer, undefined, () => initialEditorState());
  const [baseError, setBaseError] = useState<string | null>(null);
  const [tool, setTool] = useState<EditorTool>('draw');
  const [drawKind, setDrawKind] = useState<ZoneKind>('text');
  const [specimens, setSpecimens] = useState<Readonly<Record<string, SpecimenView>>>({});
  const [specimenLoading, setSpecimenLoading] = useState(false);
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<TemplateSummaryView | null>(null);
  const { draft } = state;
  const side = draft.sides[state.side] ?? draft.sides[0]!;
  const problems = useMemo(() => validateDraft(draft), [draft]);
  const ready = draftIsValid(problems);

  useEffect(() => {
    if (!from) return;
    let current = true;
    client.call('templates.get', { id: from.id, version: from.version }).then(
      (detail) => current && dispatch({ type: 'replace', draft: draftFromTemplate(detail) }),
      (failure: unknown) => current && setBaseError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [client, from?.id, from?.version]);

  const chooseSpecimen = (path: string) => {
    const sideIndex = state.side;
    const sideName = side.name;
    setSpecimenLoading(true);
    setError(null);
    client.call('templates.specimen', { path }).then(
      (specimen) => {
        setSpecimenLoading(false);
        setSpecimens((current) => ({ ...current, [sideName]: specimen }));
        dispatch({ type: 'specimen', side: sideIndex, specimen });
      },
      (failure: unknown) => {
        setSpecimenLoading(false);
        setError({ title: `Could not straighten ${path}.`, message: errorMessage(failure) });
      },
    );
  };
  const save = () => {
    setSaving(true);
    setError(null);
    client.call('templates.save', { draft: draftInput(draft) }).then(
      (summary) => {
        setSaving(false);
        setSaved(summary);
      },
      (failure: unknown) => {
        setSaving(false);
        setError({ title: 'The template was not saved.', message: errorMessage(failure) });
      },
    );
  };
  const selectedZone = state.selected !== null ? side.zones[state.selected] ?? null : null;

  return (
    <div className="ze-screen" data-testid="template-authoring">
      <div className="screen-toolbar">
        <button type="button" className="ghost" onClick={() => onLibrary()}>
          Templates
        </button>
        <h1>{draft.basedOn ? `New version of ${draft.basedOn}` : 'New template'}</h1>
        <span className="spacer" />
        <span className="muted">{ready ? 'Ready to try and save' : `${problems.filter((p) => p.severity === 'error').length} problems to fix`}</span>
        <button type="button" className="primary" disabled={!ready || saving} onClick={save} data-testid="template-save">
          {saving ? 'Saving…' : 'Save template'}
        </button>
      </div>
      {baseError && (
        <Banner tone="error" title={`Could not load ${from?.id}@${from?.version}.`}>
          {baseError}
        </Banner>
      )}
      {error && (
        <Banner tone="error" title={error.title} testId="authoring-error">
          {error.message}
        </Banner>
      )}
      {saved && (
        <div className="ze-saved" data-testid="template-saved" data-template-id={saved.id} data-version={saved.version}>
          <Banner tone="ok" title={`Saved ${saved.id}@${saved.version}.`}>
            It is in the user template folder and in the library; the next analysis recognises documents with it.
          </Banner>
          <button type="button" onClick={() => onLibrary({ id: saved.id, version: saved.version })} data-testid="saved-open-library">
            Open in the library
          </button>
        </div>
      )}
      <div className="ze-body">
        <div className="ze-canvas-column">
          <div className="ze-side-bar">
            <div className="seg" role="group" aria-label="Side">
              {draft.sides.map((s, i) => (
                <button key={s.name} type="button" aria-pressed={i === state.side} onClick={() => dispatch({ type: 'show-side', side: i })} data-testid={`side-tab-${s.name}`}>
                  {s.name} ({s.zones.length})
                </button>
              ))}
            </div>
            {!draft.sides.some((s) => s.name === 'back') && (
              <button type="button" onClick={() => dispatch({ type: 'add-side', name: 'back' })} data-testid="add-back-side">
                Add back side
              </button>
            )}
            {draft.sides.length > 1 && (
              <button type="button" className="ghost" onClick={() => dispatch({ type: 'remove-side', side: state.side })}>
                Remove the {side.name} side
              </button>
            )}
            <SpecimenBar side={side} specimen={specimens[side.name] ?? null} loading={specimenLoading} onPick={chooseSpecimen} onError={(message) => setError({ title: 'Could not open the file dialog.', message })} />
          </div>
          {side.image ? (
            <>
              <div className="ze-tools" role="toolbar" aria-label="Drawing tools">
                <div className="seg" role="group" aria-label="Tool">
                  <button type="button" aria-pressed={tool === 'draw'} onClick={() => setTool('draw')} data-testid="tool-draw">
                    Draw
                  </button>
                  <button type="button" aria-pressed={tool === 'select'} onClick={() => setTool('select')} data-testid="tool-select">
                    Select / move
                  </button>
                </div>
                <label>
                  New zones are
                  <select value={drawKind} onChange={(event) => setDrawKind(event.target.value as ZoneKind)} disabled={tool !== 'draw'} data-testid="draw-kind">
                    {ZONE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                </label>
                <span className="muted">{tool === 'draw' ? 'Drag to draw; click a zone to select it; drag its handles to resize.' : 'Drag a zone to move it, its handles to resize it.'}</span>
              </div>
              <ZoneEditor image={side.image} zones={side.zones} selected={state.selected} tool={tool} drawKind={drawKind} dispatch={dispatch} />
            </>
          ) : (
            <div className="ze-empty empty-state">Choose a genuine specimen image of the {side.name} side: the engine finds the card, straightens it, and you draw the zones on it.</div>
          )}
          <section className="ze-section">
            <h3>Try the draft</h3>
            <TrialPanel draft={draft} ready={ready} preferredCaseId={preferredCaseId} />
          </section>
        </div>
        <aside className="ze-side" aria-label="Zone and template properties">
          <section className="ze-section">
            <h3>Zone</h3>
            {selectedZone && state.selected !== null ? <ZoneForm zone={selectedZone} index={state.selected} dispatch={dispatch} /> : <div className="muted">Select or draw a zone to describe it.</div>}
          </section>
          <section className="ze-section">
            <h3>Zones on the {side.name} side</h3>
            <SideZoneList zones={side.zones} selected={state.selected} dispatch={dispatch} />
          </section>
          <section className="ze-section">
            <h3>Template</h3>
            <MetaForm meta={draft.meta} dispatch={dispatch} />
          </section>
          <section className="ze-section">
            <h3>Problems</h3>
            <DraftProblems
              problems={problems}
              onZone={(s, z) => {
                dispatch({ type: 'show-side', side: s });
                dispatch({ type: 'select', index: z });
              }}
            />
          </section>
        </aside>
      </div>
    </div>
  );
}
