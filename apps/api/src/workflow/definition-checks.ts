import { Injectable } from '@nestjs/common';
import type { MachineConfig } from '@aimsflow/engine';
import type { EntityManager } from 'typeorm';
import { CheckRegistry } from '../platform/check-registry';

/** Checks on every deploy: `(tx, organizationId, key, machine about to be deployed) → reasons`. */
@Injectable()
export class DefinitionChecks extends CheckRegistry<[EntityManager, string, string, MachineConfig]> {}
