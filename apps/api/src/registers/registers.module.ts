import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FormsModule } from '../forms/forms.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { DocumentRegister } from './document-register.service';
import { RegisterAreaOwners } from './register-area-owners';
import { RegisterCatalog } from './register-catalog';
import { RegisterDeclarations } from './register-declarations.service';
import { RegisterFeeder } from './register-feeder.service';
import { RegisterProjector } from './register-projector.service';
import { RegisterRecords } from './register-records.service';
import { RegistersController } from './registers.controller';
import { RegistersService } from './registers.service';
import { SoaRecords } from './soa-records';

/**
 * The registers: declared ones (workflows/registers/*.json) filled by the generic projector and
 * served by one API (the SoA too, seeded with the Annex A controls by SoaRecords); documented
 * information still coded in RegisterFeeder.
 */
@Module({
  imports: [WorkflowModule, FormsModule, AuditModule],
  controllers: [RegistersController],
  providers: [
    RegistersService,
    DocumentRegister,
    RegisterFeeder,
    RegisterCatalog,
    RegisterProjector,
    RegisterRecords,
    RegisterDeclarations,
    RegisterAreaOwners,
    SoaRecords,
  ],
  exports: [RegistersService, RegisterFeeder, RegisterCatalog, RegisterRecords, DocumentRegister, SoaRecords],
})
export class RegistersModule {}
