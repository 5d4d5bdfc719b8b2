import { ConflictException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** Runs `work` in one transaction, retrying a few times when PostgreSQL aborts it for a lost race. */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).code;
      if (!code || !RETRYABLE.has(code)) throw error;
      if (attempt >= 4)
        throw new ConflictException({ message: 'Too much concurrent activity on this record; retry.' });
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}
