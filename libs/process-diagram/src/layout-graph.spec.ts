import { toGraph } from '@aimsflow/engine';
import { layoutGraph } from './layout-graph';

it('tmp', async () => {
  const g = toGraph({ id: 'doc', initial: 'a', states: { a: { on: { GO: 'b', SELF: 'a' } }, b: { type: 'parallel', states: { x: { initial: 'p', states: { p: { on: { N: 'q', OUT: '#doc.c' } }, q: {} } }, y: {} }, onDone: 'c' }, c: { type: 'final' } } });
  const r = await layoutGraph(g);
  console.log(JSON.stringify(r.nodes.map(({id,parentId,x,y,width,height})=>({id,parentId,x,y,width,height}))));
});
