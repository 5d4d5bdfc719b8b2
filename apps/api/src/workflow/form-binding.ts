import type { EntityManager } from 'typeorm';

export interface FormFieldError {
  path: string;
  message: string;
}

/**
 * What the engine needs from the form builder: which forms exist, which version a new task pins,
 * and the verdict on a submission against exactly that version. The forms feature provides it.
 */
export interface FormBinding {
  formKeys(tx: EntityManager, organizationId: string): Promise<Set<string> | null>;
  publishedVersion(tx: EntityManager, organizationId: string, formKey: string): Promise<number | null>;
  /**
   * Optional: the same as a scalar SQL subquery over the given placeholders, so a task insert can
   * pin the version without a round trip of its own.
   */
  publishedVersionSql?(organizationIdParam: string, formKeyParam: string): string;
  validate(
    tx: EntityManager,
    organizationId: string,
    formKey: string,
    version: number | null,
    data: unknown,
  ): Promise<FormFieldError[]>;
}

export const FORM_BINDING = Symbol('FORM_BINDING');

/** Used until a form registry is bound: any form key is accepted and data must be a JSON object. */
export class UnboundForms implements FormBinding {
  async formKeys(): Promise<null> {
    return null;
  }
  async publishedVersion(): Promise<null> {
    return null;
  }
  async validate(_tx: EntityManager, _org: string, _key: string, _version: number | null, data: unknown) {
    return data !== null && typeof data === 'object' && !Array.isArray(data)
      ? []
      : [{ path: '', message: 'must be an object' }];
  }
}
