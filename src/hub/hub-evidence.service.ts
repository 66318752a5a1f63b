import { Readable } from 'node:stream';
import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, reachesUnit } from '../access/actor';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { commitUploads, discardUploads } from '../evidence/upload/upload-commit';
import { UploadInspector } from '../evidence/upload/upload-inspector';
import { detectAllowedType } from '../evidence/upload/upload-type';
import { Period } from '../periods/period.entity';
import { evidenceKey, tempKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { Unit } from '../units/unit.entity';
import { ApiListModel, apiListCsv, apiListPdf } from './hub-api-list.render';
import { HubCatalogRepository } from './hub-catalog.repository';
import { CatalogEvidenceModel, catalogCsv, catalogPdf } from './hub-catalog.render';
import { translate } from '../i18n/i18n';
import { HubContextRepository, UnitRef } from './hub-context.repository';
import { HubFiguresService } from './hub-figures.service';
import { HubImportsRepository } from './hub-imports.repository';
import { AgencyWrite, UnitOfWork } from '../workflow-core/unit-of-work';
import { refuse } from '../i18n/refusal';
import { PeriodLookup } from '../periods/period-lookup';

/** A generated file waiting in temporary storage for its row. */
interface GeneratedFile {
  tempKey: string;
  name: string;
  sha256: string;
  size: number;
  mime: string;
}

export interface GeneratedEvidence {
  evidenceId: string;
  title: string;
  status: 'submitted';
  unitIds: string[];
  integrationIds: string[];
  files: Array<{ name: string; sha256: string; size: number; mime: string }>;
}

export interface CataloguePreview {
  kind: 'api_list';
  title: string;
  year: number;
  apis: number;
  files: string[];
}

const catalogueStem = (model: CatalogEvidenceModel) =>
  `katalog-api-${model.agencyCode.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-${model.generatedAt.toISOString().slice(0, 10)}`;
const catalogueTitle = (model: CatalogEvidenceModel) =>
  translate('id', 'catalog.evidence.title', {
    agency: model.agencyName,
    date: model.generatedAt.toISOString().slice(0, 10),
  });

/** What a generated evidence row says about itself. */
interface GeneratedItem {
  title: string;
  unitIds: string[];
  documentDate: string;
  description: string;
  generatedFrom: string;
  auditAction: string;
  apis: number;
}

const MAX_GENERATED_BYTES = 200 * 1024 * 1024;

/**
 * Turns hub data into an `api_list` evidence item (status submitted): a PDF and a CSV of the APIs
 * on the bus with their figures and the provenance of the imports. The files stream into storage
 * under temporary keys (hashed on the way, like uploads) and are committed with their rows in
 * one step, so a failure leaves neither a row nor a file.
 */
@Injectable()
export class HubEvidenceService {
  constructor(
    @Inject(HubFiguresService) private readonly figures: HubFiguresService,
    @Inject(HubContextRepository) private readonly context: HubContextRepository,
    @Inject(HubImportsRepository) private readonly imports: HubImportsRepository,
    @Inject(HubCatalogRepository) private readonly catalog: HubCatalogRepository,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
  ) {}

  async generate(
    actor: Actor | null,
    agencyId: string,
    unitRef: string | null,
    year?: number,
  ): Promise<GeneratedEvidence> {
    const unit = unitRef ? await this.context.unit(agencyId, unitRef) : null;
    if (unitRef && !unit) throw refuse(NotFoundException, 'msg.hub.evidence.unit_unknown');
    if (actor?.unitIds && (!unit || !reachesUnit(actor, agencyId, unit.id)))
      throw refuse(ForbiddenException, 'msg.hub.evidence.own_units');
    const period = await this.period(year);
    const model = await this.model(agencyId, unit, period);
    const stem = `daftar-api-${(unit?.code ?? 'instansi').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-${period.year}`;
    return this.commitGenerated(
      actor,
      agencyId,
      [
        [apiListPdf(model), `${stem}.pdf`],
        [apiListCsv(model), `${stem}.csv`],
      ],
      (w, files, keys) => this.insertApiList(w, period, unit, model, files, keys),
    );
  }

  /** What generating the agency's API catalogue as evidence would create (the page confirms it first). */
  async cataloguePreview(actor: Actor | null, agencyId: string, year?: number): Promise<CataloguePreview> {
    const { period, model } = await this.catalogueModel(actor, agencyId, year);
    const stem = catalogueStem(model);
    return {
      kind: 'api_list',
      title: catalogueTitle(model),
      year: period.year,
      apis: model.apis.length,
      files: [`${stem}.pdf`, `${stem}.csv`],
    };
  }

  /**
   * The agency's API catalogue (its SPL service directory) as a submitted `api_list` evidence
   * item with a PDF and a CSV, committed like any upload (hashed in transit, temporary keys,
   * one transaction with the rows, audit).
   */
  async catalogue(actor: Actor | null, agencyId: string, year?: number): Promise<GeneratedEvidence> {
    const { period, model } = await this.catalogueModel(actor, agencyId, year);
    const stem = catalogueStem(model);
    const unitIds = [...new Set(model.apis.map((a) => a.unitId).filter((id): id is string => Boolean(id)))];
    return this.commitGenerated(
      actor,
      agencyId,
      [
        [catalogPdf(model), `${stem}.pdf`],
        [Readable.from([catalogCsv(model.apis)]), `${stem}.csv`],
      ],
      (w, files, keys) =>
        this.insert(
          w,
          { period, files, keys },
          {
            title: catalogueTitle(model),
            unitIds,
            documentDate: model.generatedAt.toISOString().slice(0, 10),
            description: translate('id', 'catalog.evidence.description', { n: model.apis.length }),
            generatedFrom: 'api-catalog',
            auditAction: 'hub.catalog_evidence',
            apis: model.apis.length,
          },
        ),
    );
  }

  private async catalogueModel(actor: Actor | null, agencyId: string, year?: number) {
    // The whole agency's directory: a user bound to some units cannot speak for all of them.
    if (actor?.unitIds) throw refuse(ForbiddenException, 'msg.hub.evidence.catalog_units');
    const period = await this.period(year);
    const rows = await this.catalog.page({ agencyIds: [agencyId], areaPrefix: null }, undefined, 50_000, 0);
    if (!rows.length) throw refuse(ConflictException, 'msg.hub.evidence.no_catalog');
    const model: CatalogEvidenceModel = {
      agencyName: rows[0].agencyName,
      agencyCode: rows[0].agencyCode,
      year: period.year,
      generatedAt: new Date(),
      apis: rows.map(({ total: _total, ...row }) => row),
    };
    return { period, model };
  }

  /** Streams each file to temporary storage, then commits them with the rows `write` inserts. */
  private async commitGenerated(
    actor: Actor | null,
    agencyId: string,
    sources: Array<[Readable, string]>,
    write: (w: AgencyWrite, files: GeneratedFile[], keys: string[]) => Promise<GeneratedEvidence>,
  ): Promise<GeneratedEvidence> {
    const files: GeneratedFile[] = [];
    try {
      for (const [source, name] of sources) files.push(await this.store(source, name));
      const now = new Date();
      const pending = files.map((f) => ({ tempKey: f.tempKey, finalKey: evidenceKey(agencyId, now) }));
      return await commitUploads(this.driver, pending, () =>
        this.uow.write(actor, agencyId, (w) =>
          write(
            w,
            files,
            pending.map((p) => p.finalKey),
          ),
        ),
      );
    } catch (error) {
      await discardUploads(
        this.driver,
        files.map((f) => f.tempKey),
      );
      throw error;
    }
  }

  private async period(year?: number): Promise<Period> {
    const period = await this.periods.current(year);
    if (!period)
      throw year
        ? refuse(NotFoundException, 'msg.period.none_for_year', { year })
        : refuse(NotFoundException, 'msg.period.none');
    if (period.stage === 'final') throw refuse(ConflictException, 'msg.hub.evidence.final');
    return period;
  }

  private async model(agencyId: string, unit: UnitRef | null, period: Period): Promise<ApiListModel> {
    const figures = await this.figures.compute(agencyId, period.year, unit?.id ?? null);
    const apis = figures.apis.filter((a) => a.publishedOnBus);
    if (!apis.length) {
      throw unit
        ? refuse(ConflictException, 'msg.hub.evidence.no_api_unit', { unit: unit.name })
        : refuse(ConflictException, 'msg.hub.evidence.no_api');
    }
    const agency = await this.context.agency(agencyId);
    const imports = await this.imports.contributing(agencyId);
    return {
      agencyName: agency?.name ?? agencyId,
      scopeLabel: unit ? `${unit.code} ${unit.name}` : 'seluruh unit',
      year: period.year,
      generatedAt: new Date(),
      apis,
      imports,
    };
  }

  /** Streams a generated file to a temporary key, hashing and type-checking it like an upload. */
  private async store(source: Readable, name: string): Promise<GeneratedFile> {
    let mime = 'application/octet-stream';
    const inspector = new UploadInspector({
      fileName: name,
      maxBytes: MAX_GENERATED_BYTES,
      headBytes: 64 * 1024,
      inspectHead: async (head, complete) => {
        mime = (await detectAllowedType(head, complete, name, name)).mime;
      },
    });
    const key = tempKey();
    source.once('error', (error) => inspector.destroy(error));
    try {
      await this.driver.put(key, source.pipe(inspector));
    } catch (error) {
      await this.driver.delete(key).catch(() => undefined);
      throw error;
    }
    return { tempKey: key, name, sha256: inspector.digest(), size: inspector.size, mime };
  }

  private insertApiList(
    w: AgencyWrite,
    period: Period,
    unit: UnitRef | null,
    model: ApiListModel,
    files: GeneratedFile[],
    keys: string[],
  ): Promise<GeneratedEvidence> {
    const unitIds = unit
      ? [unit.id]
      : [...new Set(model.apis.map((a) => a.unit?.id).filter((id): id is string => Boolean(id)))];
    return this.insert(
      w,
      { period, files, keys },
      {
        title: `Daftar API pada SPL - ${model.scopeLabel} (${model.generatedAt.toISOString().slice(0, 10)})`,
        unitIds,
        documentDate: model.generatedAt.toISOString().slice(0, 10),
        description: `Dibuat otomatis dari data hub: ${model.apis.length} API pada bus; sumber: ${model.imports.map((i) => `${i.fileName} (sha256 ${i.sha256.slice(0, 12)}…)`).join(', ')}.`,
        generatedFrom: 'hub',
        auditAction: 'hub.evidence',
        apis: model.apis.length,
      },
    );
  }

  /** One generated evidence item: its row, files, change log, levels and audit, in the caller's transaction. */
  private async insert(
    w: AgencyWrite,
    at: { period: Period; files: GeneratedFile[]; keys: string[] },
    item: GeneratedItem,
  ): Promise<GeneratedEvidence> {
    const { m, actor, agencyId } = w;
    const { period, files, keys } = at;
    const { title, unitIds } = item;
    // The item's period is recomputed after it (every open one when integrations link it).
    await w.allow('evidence.create', { periodId: period.id });
    const evidence = await this.evidence.insertWithFiles(
      m,
      {
        agencyId,
        periodId: period.id,
        kind: 'api_list',
        title,
        documentDate: item.documentDate,
        indicators: [18],
        allUnits: false,
        units: unitIds.map((id) => ({ id }) as Unit),
        status: 'submitted',
        description: item.description,
      },
      files.map((f, i) => ({
        storageKey: keys[i],
        sha256: f.sha256,
        size: String(f.size),
        mimeType: f.mime,
        originalName: f.name,
        uploadedBy: actor?.userId ?? null,
      })),
    );
    const integrationIds = await this.evidence.linkHubIntegrations(m, agencyId, evidence.id);
    // Integrations list their evidence in every period's facts.
    if (integrationIds.length) w.touchOpenPeriods();
    await w.log({
      entityType: 'evidence',
      entityId: evidence.id,
      action: 'create',
      after: { ...evidence, generatedFrom: item.generatedFrom, integrationIds },
    });
    await w.audit({
      action: item.auditAction,
      actorName: actor?.username ?? 'cli',
      subjectType: 'evidence',
      subjectId: evidence.id,
      detail: { apis: item.apis, files: files.map((f) => ({ name: f.name, sha256: f.sha256 })) },
    });
    return {
      evidenceId: evidence.id,
      title,
      status: 'submitted',
      unitIds,
      integrationIds,
      files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size, mime: f.mime })),
    };
  }
}
