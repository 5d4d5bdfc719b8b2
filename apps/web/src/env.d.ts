// Vite bundles CSS imports; tell TypeScript they exist.
declare module '*.css';
