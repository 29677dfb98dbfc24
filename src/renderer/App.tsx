/** The window: the lab (header, sidebar of data and training controls, the network, the instruments, the status bar), or the run viewer. */
import { DataPanel } from './controls/DataPanel';
import { RunControls } from './controls/RunControls';
import { TrainingPanel } from './controls/TrainingPanel';
import { NetworkCanvas } from './builder/NetworkCanvas';
import { Header } from './layout/Header';
import { Instruments } from './layout/Instruments';
import { Notices } from './layout/Notices';
import { StatusBar } from './layout/StatusBar';
import { BornDeadPanel } from './borndead/BornDeadPanel';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonsLayer } from './lessons/LessonsLayer';
import { StartLessons } from './lessons/StartLessons';
import { RunDrop } from './viewer/RunDrop';
import { ViewerApp } from './viewer/ViewerApp';
import { useViewer } from './viewer/viewerStore';

export function App() {
  const lab = useViewer((s) => s.mode === 'lab');
  return (
    <>
      {lab ? <Lab /> : <ViewerApp />}
      <RunDrop />
    </>
  );
}

function Lab() {
  return (
    <div className="app">
      <Header />
      <aside className="sidebar">
        <LessonPanel />
        <RunControls />
        <DataPanel />
        <TrainingPanel />
        <BornDeadPanel />
      </aside>
      <main className="center">
        <Notices />
        <StartLessons />
        <NetworkCanvas />
      </main>
      <section className="instruments" aria-label="Instruments">
        <Instruments />
      </section>
      <StatusBar />
      <LessonsLayer />
    </div>
  );
}
