// The runtime moved to ./process-runtime.ts (a facade over use-cases/ and effects/). This path stays
// only so code written against it keeps compiling; import from './process-runtime' instead.
export * from './process-runtime';
