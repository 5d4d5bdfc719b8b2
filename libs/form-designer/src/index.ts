// `export default` lets the app write `React.lazy(() => import('@aimsflow/form-designer'))`.
export { FormDesigner, default } from './FormDesigner';
export type { FormDesignerProps } from './FormDesigner';
export { designerReducer, initialDesignerState } from './state/designer-reducer';
export type { DesignerAction, DesignerState } from './state/designer-reducer';
export { PALETTE } from './state/field-factory';
