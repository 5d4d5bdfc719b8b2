import { canonicalJson } from '@aimsflow/engine';
import { validateFormDefinition } from '@aimsflow/form-schema/server';
import { UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';

/** What a form is made of, as authored: the content its hash and its versions cover. */
export interface FormContent {
  key: string;
  title: string;
  description?: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

/** SHA-256 of what a version consists of; equal hashes mean there is nothing new to publish. */
export function formContentHash(content: Pick<FormContent, 'key' | 'title' | 'schema' | 'uiSchema'>): string {
  const { key, title, schema, uiSchema } = content;
  return createHash('sha256').update(canonicalJson({ key, title, schema, uiSchema })).digest('hex');
}

/** Refuses (422, reasons in `errors`) a definition the form library would not accept. */
export function assertValidDefinition(content: FormContent): void {
  const result = validateFormDefinition(content);
  if (!result.ok) {
    throw new UnprocessableEntityException({
      message: `The form ${content.key} is not valid: ${result.errors.slice(0, 3).join('; ')}`,
      errors: result.errors.map((message) => ({ pointer: '', message })),
    });
  }
}
