/**
 * The data large, in the centre: 2-D points coloured by class over the
 * network's decision boundary as it trains (Playground's main stage), the
 * curve of 1-D regression, or sample digits.
 */
import { useEffect, useRef } from 'react';
import type { DatasetInfo } from '../../core/protocol/messages';
import { classColor } from '../controls/classColors';
import { dataPicture, drawPoints } from '../controls/dataPlot';
import { DigitsCanvas, loadingText, pointsLabel } from '../controls/DatasetPreview';
import { useElementSize } from '../layout/useElementSize';
import { loadingOtherData, useApp, useFrameAtMost } from '../store';
import { CenterSwitch } from './CenterSwitch';

/** The boundary changes slowly; ten redraws a second leave the main thread to the charts. */
const FRAMES_PER_SECOND = 10;
/** Height per width of the picture, as the sidebar's preview. */
const ASPECT = 0.75;

function LargePoints({ info }: { info: DatasetInfo }) {
  const [box, size] = useElementSize<HTMLDivElement>({ width: 0, height: 0 });
  const canvas = useRef<HTMLCanvasElement>(null);
  const { frame } = useFrameAtMost(FRAMES_PER_SECOND);
  const boundary = frame?.boundary ?? null;
  // The largest 4:3 picture that fits the stage.
  const width = Math.floor(Math.max(0, Math.min(size.width, size.height / ASPECT)));
  const height = Math.floor(width * ASPECT);
  useEffect(() => {
    if (canvas.current && width > 0) drawPoints(canvas.current, info, boundary, width, height);
  }, [info, boundary, width, height]);
  const classes = info.classes > 0 && info.inputs >= 2 ? info.classNames : [];
  return (
    <div className="stage-body">
      <div ref={box} className="stage-picture">
        <canvas ref={canvas} className="preview-canvas" style={{ width, height }} data-testid="stage-scatter" role="img" aria-label={pointsLabel(info, boundary !== null)} />
      </div>
      <div className="stage-legend small muted">
        {classes.map((name, c) => (
          <span key={c} className="legend-item"><span className="swatch" style={{ background: classColor(c) }} aria-hidden /> {name}</span>
        ))}
        <span data-testid="stage-caption">
          {boundary
            ? `Shaded: the class the network predicts there, at step ${frame!.step}.`
            : info.inputs === 2 && info.classes > 0 ? 'The decision boundary shows once the network has a frame: press Step or Train.' : ''}
        </span>
      </div>
    </div>
  );
}

export function DataStage() {
  const info = useApp((s) => s.dataset);
  const stale = useApp(loadingOtherData);
  const kind = useApp((s) => s.design.present.data.kind);
  const picture = info ? dataPicture(info) : null;
  return (
    <section className="canvas-panel data-stage" aria-label="Data and decision boundary" data-testid="data-stage">
      <div className="canvas-toolbar">
        <CenterSwitch />
        <span className="muted small ellipsis" title={info?.description}>{stale || !info ? loadingText(kind) : info.description}</span>
      </div>
      {info && !stale && picture === 'points' && <LargePoints info={info} />}
      {info && !stale && picture === 'digits' && <div className="stage-body"><div className="stage-digits"><DigitsCanvas info={info} testId="stage-digits" /></div></div>}
      {info && !stale && picture === null && (
        <p className="muted stage-note">This data set has {info.inputs} inputs: the large view draws 2-D data, 1-D regression and MNIST digits. The first rows are in the Data panel.</p>
      )}
      {(stale || !info) && <p className="muted stage-note" role="status">{loadingText(kind)}</p>}
    </section>
  );
}
