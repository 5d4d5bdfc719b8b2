export { FormRenderer, rendererFields, rendererWidgets } from './FormRenderer';
export type { FormData, FormRendererProps } from './FormRenderer';
export { DEFAULT_MAX_FILE_SIZE, FormDataSourcesProvider, useFormDataSources } from './data-sources';
export type { DataSourceOption, FormDataSources, UploadedFile } from './data-sources';
export { stripMarkdownOptions } from './sanitize-ui-schema';
export { riskLevel, RISK_LEVEL_LABELS } from './fields/risk-score';
export type { RiskLevel, RiskRating } from './fields/risk-score';
