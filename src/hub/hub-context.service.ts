import { Inject, Injectable } from '@nestjs/common';
import { HubInstanceView, HubContextRepository, UnitRef } from './hub-context.repository';
import { HubImportView, HubImportsRepository } from './hub-imports.repository';

/** What the hub pages and API show around the figures: the agency's units, hubs and imports. */
@Injectable()
export class HubContextService {
  constructor(
    @Inject(HubContextRepository) private readonly context: HubContextRepository,
    @Inject(HubImportsRepository) private readonly imports: HubImportsRepository,
  ) {}

  /** The agency's imports, newest first. */
  importHistory(agencyId: string, limit?: number): Promise<HubImportView[]> {
    return this.imports.list(agencyId, limit);
  }

  importById(agencyId: string, id: string): Promise<HubImportView | null> {
    return this.imports.findById(agencyId, id);
  }

  /** A unit of the agency by id or code; null when it has none such. */
  unit(agencyId: string, idOrCode: string): Promise<UnitRef | null> {
    return this.context.unit(agencyId, idOrCode);
  }

  units(agencyId: string): Promise<UnitRef[]> {
    return this.context.units(agencyId);
  }

  applications(unitId: string): Promise<Array<{ id: string; name: string }>> {
    return this.context.applications(unitId);
  }

  instances(agencyId: string): Promise<HubInstanceView[]> {
    return this.context.instances(agencyId);
  }
}
