/** The centre's two views: the network, or the data and the decision boundary large (Playground's main stage). */
import { actions, useApp } from '../store';
import type { CenterView } from '../store/viewSlice';

const VIEWS: { id: CenterView; label: string; title: string }[] = [
  { id: 'network', label: 'Network', title: 'The layers, their units and links' },
  { id: 'data', label: 'Data', title: 'The data and the decision boundary, large and live' },
];

export function CenterSwitch() {
  const shown = useApp((s) => s.centerView);
  return (
    <div className="center-switch" role="group" aria-label="What the centre shows">
      {VIEWS.map((v) => (
        <button key={v.id} data-testid={`center-${v.id}`} aria-pressed={shown === v.id} title={v.title} onClick={() => actions.showInCenter(v.id)}>
          {v.label}
        </button>
      ))}
    </div>
  );
}
