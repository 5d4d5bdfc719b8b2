import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Database } from './database';

export const DATABASE_DRIVER = Symbol('DATABASE_DRIVER');

/** Hands the already opened and migrated DataSource to Nest, so start-up order is explicit. */
@Global()
@Module({})
export class DatabaseModule {
  static forDatabase(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => database.dataSource.options,
          dataSourceFactory: async () => database.dataSource,
        }),
      ],
      providers: [{ provide: DATABASE_DRIVER, useValue: database.driver }],
      exports: [DATABASE_DRIVER],
    };
  }
}
