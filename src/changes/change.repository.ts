import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Change } from './change.entity';

/** The change log (`change_log`): one row per change, written in the changing transaction. */
@Injectable()
export class ChangeRepository {
  async insert(m: EntityManager, fields: Omit<Change, 'id' | 'at'>): Promise<void> {
    await m.getRepository(Change).save(m.getRepository(Change).create(fields));
  }
}
