import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { builtInWorkflows } from '@aimsflow/workflows';
import { DataSource } from 'typeorm';
import { Organization } from '../identity/organization.entity';
import { settingsFor } from './definition-settings';
import { DefinitionsService } from './definitions.service';

/**
 * Deploys the workflows shipped in `workflows/` to every organisation (a no-op when unchanged),
 * keeping the organisation's settings for the steps the shipped machine still has.
 */
@Injectable()
export class BuiltInWorkflows implements OnApplicationBootstrap {
  private readonly logger = new Logger('BuiltInWorkflows');

  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const organizations = await this.dataSource.getRepository(Organization).find();
    for (const org of organizations) await this.deployTo(org.id);
  }

  async deployTo(organizationId: string): Promise<void> {
    const keys = builtInWorkflows.map((w) => w.key);
    for (const workflow of builtInWorkflows) {
      try {
        const latest = await this.definitions.latest(this.dataSource.manager, organizationId, workflow.key);
        const settings = settingsFor(workflow.machine, workflow.key, latest?.settings);
        await this.definitions.deploy(organizationId, null, { ...workflow, settings }, keys);
      } catch (error) {
        this.logger.error(`built-in workflow ${workflow.key} was not deployed: ${(error as Error).message}`);
      }
    }
  }
}
