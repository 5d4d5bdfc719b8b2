// Plain CSS is imported for its side effect; Vite bundles it, jest maps it to an empty module.
declare module '*.css';
