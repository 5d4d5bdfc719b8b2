import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { builtInForms } from '@aimsflow/forms';
import { DataSource } from 'typeorm';
import { Organization } from '../identity/organization.entity';
import { FormsService } from './forms.service';

/**
 * Publishes the forms shipped in `forms/` to every organisation that lacks them. FormsModule is
 * global, and Nest runs global modules' bootstrap hooks first, so the forms exist before
 * BuiltInWorkflows deploys workflows that refer to them.
 */
@Injectable()
export class BuiltInForms implements OnApplicationBootstrap {
  private readonly logger = new Logger('BuiltInForms');

  constructor(
    private readonly dataSource: DataSource,
    private readonly forms: FormsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const organizations = await this.dataSource.getRepository(Organization).find();
    for (const org of organizations) await this.ensureBuiltIns(org.id);
  }

  /** Creates and publishes each built-in form the organisation does not have yet; returns the keys created. */
  async ensureBuiltIns(organizationId: string): Promise<string[]> {
    const created = await this.forms.ensureForms(
      organizationId,
      builtInForms.map(({ key, title, description, schema, uiSchema }) => ({
        key,
        title,
        description,
        schema,
        uiSchema,
      })),
    );
    if (created.length)
      this.logger.log(`published ${created.length} built-in forms for organisation ${organizationId}`);
    return created;
  }
}
