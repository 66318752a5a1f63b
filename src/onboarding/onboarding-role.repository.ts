import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OnboardingRole } from './onboarding-role.entity';

export interface StoredRole {
  id: string;
  role: string;
  subject: string;
  unitId: string | null;
  unitName: string | null;
  applicationId: string | null;
  userId: string | null;
  userName: string | null;
  serviceRole: string | null;
  version: number;
}

/** The SQL of who is who on the road to the SPLP. */
@Injectable()
export class OnboardingRoleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(OnboardingRole);
  }

  /** Every role held in the agency, with the unit's and the person's names. */
  findForAgency(agencyId: string): Promise<StoredRole[]> {
    return this.dataSource.query(
      `SELECT r.id, r.role, r.subject, r.unit_id AS "unitId", un.name AS "unitName",
              r.application_id AS "applicationId", r.user_id AS "userId", u.display_name AS "userName",
              r.service_role AS "serviceRole", r.version
         FROM onboarding_role r
         LEFT JOIN unit un ON un.id = r.unit_id
         LEFT JOIN app_user u ON u.id = r.user_id
        WHERE r.agency_id = $1`,
      [agencyId],
    );
  }

  /** The stored role, locked for the rest of the transaction. */
  async lockOne(m: EntityManager, agencyId: string, role: string, subject: string) {
    const rows: { id: string }[] = await m.query(
      'SELECT id FROM onboarding_role WHERE agency_id = $1 AND role = $2 AND subject = $3 FOR UPDATE',
      [agencyId, role, subject],
    );
    return rows[0] ? this.repo(m).findOneBy({ id: rows[0].id }) : null;
  }

  create(fields: Partial<OnboardingRole>, m: EntityManager): OnboardingRole {
    return this.repo(m).create(fields);
  }

  save(role: OnboardingRole, m: EntityManager): Promise<OnboardingRole> {
    return this.repo(m).save(role);
  }
}
