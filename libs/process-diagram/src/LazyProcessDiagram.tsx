import { lazy, Suspense } from 'react';
import type { ProcessDiagramProps } from './process-diagram.types';

// ELK and React Flow weigh about 1.5 MB unminified; load them only when a diagram is shown.
const ProcessDiagram = lazy(() => import('./ProcessDiagram'));

/** `ProcessDiagram` in its own chunk, with a placeholder while the chunk loads. */
export function LazyProcessDiagram(props: ProcessDiagramProps) {
  return (
    <Suspense fallback={<p role="status">Laying out diagram…</p>}>
      <ProcessDiagram {...props} />
    </Suspense>
  );
}
