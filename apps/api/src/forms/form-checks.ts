import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CheckRegistry } from '../platform/check-registry';

/** Checks on every publish: `(tx, organizationId, form key, schema about to be published) → reasons`. */
@Injectable()
export class FormChecks extends CheckRegistry<[EntityManager, string, string, Record<string, unknown>]> {}
