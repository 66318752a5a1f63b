import { Readable } from 'node:stream';
import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, reachesUnit } from '../access/actor';
import { EvidenceFile } from '../evidence/evidence-file.entity';
import { Evidence } from '../evidence/evidence.entity';
import { commitUploads, discardUploads } from '../evidence/upload/upload-commit';
import { UploadInspector } from '../evidence/upload/upload-inspector';
import { detectAllowedType } from '../evidence/upload/upload-type';
import { Period } from '../periods/period.entity';
import { evidenceKey, tempKey } from '../storage/storage-keys';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { Unit } from '../units/unit.entity';
import { ApiListModel, apiListCsv, apiListPdf } from './hub-api-list.render';
import { HubContextRepository, UnitRef } from './hub-context.repository';
import { HubFiguresService } from './hub-figures.service';
import { HubImportsRepository } from './hub-imports.repository';
import { HubIntegrationsRepository } from './hub-integrations.repository';
import { AgencyWrite, UnitOfWork } from '../workflow/core/unit-of-work';
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
    @Inject(HubIntegrationsRepository) private readonly integrations: HubIntegrationsRepository,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
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
    const files: GeneratedFile[] = [];
    try {
      const stem = `daftar-api-${(unit?.code ?? 'instansi').toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-${period.year}`;
      files.push(await this.store(apiListPdf(model), `${stem}.pdf`));
      files.push(await this.store(apiListCsv(model), `${stem}.csv`));
      const now = new Date();
      const pending = files.map((f) => ({ tempKey: f.tempKey, finalKey: evidenceKey(agencyId, now) }));
      return await commitUploads(this.driver, pending, () =>
        this.uow.write(actor, agencyId, (w) =>
          this.insert(
            w,
            period,
            unit,
            model,
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

  private async insert(
    w: AgencyWrite,
    period: Period,
    unit: UnitRef | null,
    model: ApiListModel,
    files: GeneratedFile[],
    keys: string[],
  ): Promise<GeneratedEvidence> {
    const { m, actor, agencyId } = w;
    // The item's period is recomputed after it (every open one when integrations link it).
    await w.allow('evidence.create', { periodId: period.id });
    const unitIds = unit
      ? [unit.id]
      : [...new Set(model.apis.map((a) => a.unit?.id).filter((id): id is string => Boolean(id)))];
    const title = `Daftar API pada SPL - ${model.scopeLabel} (${model.generatedAt.toISOString().slice(0, 10)})`;
    const repo = m.getRepository(Evidence);
    const evidence = await repo.save(
      repo.create({
        agencyId,
        periodId: period.id,
        kind: 'api_list',
        title,
        documentDate: model.generatedAt.toISOString().slice(0, 10),
        indicators: [18],
        allUnits: false,
        units: unitIds.map((id) => ({ id }) as Unit),
        status: 'submitted',
        description: `Dibuat otomatis dari data hub: ${model.apis.length} API pada bus; sumber: ${model.imports.map((i) => `${i.fileName} (sha256 ${i.sha256.slice(0, 12)}…)`).join(', ')}.`,
      }),
    );
    await m.getRepository(EvidenceFile).insert(
      files.map((f, i) => ({
        evidenceId: evidence.id,
        agencyId,
        slot: i + 1,
        revision: 1,
        isCurrent: true,
        storageKey: keys[i],
        sha256: f.sha256,
        size: String(f.size),
        mimeType: f.mime,
        originalName: f.name,
        uploadedBy: actor?.userId ?? null,
      })),
    );
    const integrationIds = await this.integrations.linkEvidence(m, agencyId, evidence.id);
    // Integrations list their evidence in every period's facts.
    if (integrationIds.length) w.touchOpenPeriods();
    await w.log({
      entityType: 'evidence',
      entityId: evidence.id,
      action: 'create',
      after: { ...evidence, generatedFrom: 'hub', integrationIds },
    });
    await w.audit({
      action: 'hub.evidence',
      actorName: actor?.username ?? 'cli',
      subjectType: 'evidence',
      subjectId: evidence.id,
      detail: { apis: model.apis.length, files: files.map((f) => ({ name: f.name, sha256: f.sha256 })) },
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
