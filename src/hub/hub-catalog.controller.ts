import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor, can } from '../access/actor';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { emptyToUndefined } from '../kernel/form-fields';
import { CatalogRow } from './hub-catalog.repository';
import { catalogCsv } from './hub-catalog.render';
import { HubDirectoryService } from './hub-directory.service';

const PAGE_SIZE = 100;
const EXPORT_LIMIT = 50_000;

export class CatalogQuery {
  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 100) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000) page?: number;
  @IsOptional()
  @IsIn(['json', 'csv', 'openapi'], { message: 'msg.validation.choice' })
  format?: 'json' | 'csv' | 'openapi';
}

/** The API catalogue (service directory) of the agencies a user may see: API, page and exports. */
@ApiTags('hub')
@ApiBearerAuth()
@Controller()
export class HubCatalogController {
  constructor(@Inject(HubDirectoryService) private readonly directory: HubDirectoryService) {}

  @Get('api/v1/api-catalog')
  @ApiOperationDoc({
    summary: 'API catalogue',
    description: 'APIs of the visible agencies, searchable by name, tag, context, unit or agency.',
    errors: {},
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'APIs of the visible agencies (q: name, tag, context, unit or agency) with version, lifecycle, provider unit and consumers; format=csv|openapi exports every match.',
  })
  async list(@CurrentActor() actor: Actor, @Query() query: CatalogQuery, @Res() res: Response) {
    const format = query.format ?? 'json';
    const limit = format === 'json' ? PAGE_SIZE : EXPORT_LIMIT;
    const offset = format === 'json' ? ((query.page ?? 1) - 1) * PAGE_SIZE : 0;
    const rows = await this.directory.catalogPage(actor, query.q, limit, offset);
    const apis = rows.map(({ total: _total, ...row }) => row);
    if (format === 'csv') {
      return res.type('text/csv; charset=utf-8').attachment('api-catalog.csv').send(catalogCsv(apis));
    }
    if (format === 'openapi') return res.attachment('api-catalog.openapi.json').json(openApiIndex(apis));
    return res.json({ total: rows[0]?.total ?? 0, limit, offset, apis });
  }

  @Get('api-catalog')
  @RequirePermission('agency.read')
  @ApiExcludeEndpoint()
  async page(@CurrentActor() actor: Actor, @Query() query: CatalogQuery, @Res() res: Response) {
    const page = query.page ?? 1;
    const rows = await this.directory.catalogPage(actor, query.q, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const total = rows[0]?.total ?? 0;
    const link = (extra: Record<string, string>) =>
      `/api-catalog?${new URLSearchParams({ q: query.q ?? '', ...extra }).toString()}`;
    res.render('hub/catalog', {
      title: translate(requestLang(res), 'catalog.title'),
      activeNav: 'apiCatalog',
      apis: rows,
      total,
      q: query.q ?? '',
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      prev: page > 1 ? link({ page: String(page - 1) }) : null,
      next: page * PAGE_SIZE < total ? link({ page: String(page + 1) }) : null,
      csvLink: `/api/v1/api-catalog?${new URLSearchParams({ q: query.q ?? '', format: 'csv' }).toString()}`,
      openApiLink: `/api/v1/api-catalog?${new URLSearchParams({ q: query.q ?? '', format: 'openapi' }).toString()}`,
      // A coordinator of an agency can turn its own catalogue into evidence (after a confirmation),
      // once there is one: an agency whose imports hold no API is not offered a button that refuses.
      evidenceLink:
        actor.agencyId && !actor.unitIds && can(actor, 'evidence.upload') && (total > 0 || Boolean(query.q))
          ? `/agencies/${actor.agencyId}/api-catalog/evidence`
          : null,
    });
  }
}

/**
 * An OpenAPI 3.1 document used as an index: one tag per agency, and each API as an `x-apis`
 * entry with its base URL, so tools that read OpenAPI can list the catalogue.
 */
function openApiIndex(apis: Array<Omit<CatalogRow, 'total'>>) {
  const agencies = [...new Map(apis.map((a) => [a.agencyCode, a.agencyName])).entries()];
  return {
    openapi: '3.1.0',
    info: { title: 'SPBE Tracker API catalogue', version: new Date().toISOString().slice(0, 10) },
    paths: {},
    tags: agencies.map(([code, name]) => ({ name: code, description: name })),
    'x-apis': apis.map((a) => ({
      title: a.name,
      version: a.version,
      tags: [a.agencyCode, ...a.tags],
      servers: a.productionUrl ? [{ url: a.productionUrl }] : [],
      'x-context': a.context,
      'x-lifecycle': a.lifecycleStatus,
      'x-provider-unit': a.unitCode,
      'x-consumers': a.consumers,
    })),
  };
}
