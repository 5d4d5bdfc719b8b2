import { deserialize, serialize } from 'node:v8';
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Routes load lazily; under a busy CI runner (many jest workers on few cores) the first chunk of
// a page can take longer than testing-library's default 1 s, which made `findBy…` flaky.
configure({ asyncUtilTimeout: 10_000 });

// jsdom's window lacks structuredClone (browsers and Node have it); RJSF uses it when a field changes.
globalThis.structuredClone ??= (<T>(value: T): T => deserialize(serialize(value))) as typeof structuredClone;
