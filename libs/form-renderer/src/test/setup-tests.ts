import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { deserialize, serialize } from 'node:v8';

// jsdom's window lacks structuredClone (browsers and Node have it); RJSF uses it.
globalThis.structuredClone ??= (<T>(value: T): T => deserialize(serialize(value))) as typeof structuredClone;
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

// Lazy chunks and layout take longer than testing-library's default 1 s on a busy CI runner.
configure({ asyncUtilTimeout: 10_000 });

// Nor TextEncoder/TextDecoder, which @aimsflow/form-schema uses to measure schemas.
globalThis.TextEncoder ??= NodeTextEncoder as typeof TextEncoder;
globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
