import '@testing-library/jest-dom';
import { deserialize, serialize } from 'node:v8';

// jsdom's window lacks structuredClone (browsers and Node have it); RJSF uses it.
globalThis.structuredClone ??= (<T>(value: T): T => deserialize(serialize(value))) as typeof structuredClone;
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

// Nor TextEncoder/TextDecoder, which @aimsflow/form-schema uses to measure schemas.
globalThis.TextEncoder ??= NodeTextEncoder as typeof TextEncoder;
globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
