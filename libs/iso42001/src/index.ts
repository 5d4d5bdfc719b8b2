export * from './catalogue';
export * from './management-review-inputs';
