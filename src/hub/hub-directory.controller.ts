import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { Actor } from '../access/actor';
import { emptyToUndefined, toBool } from '../kernel/form-fields';
import { DIRECTORY_SORTS, type DirectorySort } from './hub-directory.repository';
import { HubDirectoryService } from './hub-directory.service';

const PAGE_SIZE = 50;
const EXPORT_LIMIT = 10_000;

export class DirectoryQuery {
  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 100) q?: string;
  @IsOptional()
  @IsIn(DIRECTORY_SORTS, { message: 'msg.validation.choice' })
  sort?: DirectorySort;
  @IsOptional() @Transform(toBool) @IsBoolean() desc?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000) page?: number;
  @IsOptional() @IsIn(['json', 'csv', 'xlsx'], { message: 'msg.validation.choice' }) format?:
    'json' | 'csv' | 'xlsx';
}

/** The national SPL directory ("Daftar Instansi", "Cari SPL"): API and page. */
@ApiTags('hub')
@ApiBearerAuth()
@Controller()
export class HubDirectoryController {
  constructor(@Inject(HubDirectoryService) private readonly directory: HubDirectoryService) {}

  @Get('api/v1/spl-directory')
  @ApiOperationDoc({
    summary: 'SPL directory',
    description: 'Each visible agency: SPL, platform, tenant, published APIs and SPLP connection.',
    errors: {},
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'Each visible agency: SPL, platform, tenant, published APIs, SPLP connection and proof, last import, 30-day uptime, days to certificate expiry. format=csv|xlsx exports every match.',
  })
  async list(@CurrentActor() actor: Actor, @Query() query: DirectoryQuery, @Res() res: Response) {
    await this.answer(actor, query, res, query.format ?? 'json');
  }

  @Get('spl-directory')
  @RequirePermission('agency.read')
  @ApiExcludeEndpoint()
  async page(@CurrentActor() actor: Actor, @Query() query: DirectoryQuery, @Res() res: Response) {
    if (query.format === 'csv' || query.format === 'xlsx')
      return this.answer(actor, query, res, query.format);
    const result = await this.directory.page(actor, inputOf(query, PAGE_SIZE));
    const page = query.page ?? 1;
    const base = { q: query.q ?? '', sort: query.sort ?? 'name', desc: query.desc ? '1' : '' };
    const link = (extra: Record<string, string | number>) =>
      `/spl-directory?${new URLSearchParams({ ...base, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) }).toString()}`;
    res.render('hub/directory', {
      title: translate(requestLang(res), 'directory.title'),
      activeNav: 'splDirectory',
      ...result,
      query: base,
      page,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
      prev: page > 1 ? link({ page: page - 1 }) : null,
      next: page * PAGE_SIZE < result.total ? link({ page: page + 1 }) : null,
      sortLinks: Object.fromEntries(
        DIRECTORY_SORTS.map((s) => [s, link({ sort: s, desc: s === base.sort && !query.desc ? '1' : '' })]),
      ),
      csvLink: link({ format: 'csv' }),
      xlsxLink: link({ format: 'xlsx' }),
    });
  }

  private async answer(actor: Actor, query: DirectoryQuery, res: Response, format: 'json' | 'csv' | 'xlsx') {
    const all = format !== 'json';
    const result = await this.directory.page(actor, inputOf(query, all ? EXPORT_LIMIT : PAGE_SIZE));
    if (format === 'json') return res.json(result);
    if (format === 'csv') {
      return res
        .type('text/csv; charset=utf-8')
        .attachment('spl-directory.csv')
        .send(this.directory.csv(result.entries));
    }
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment('spl-directory.xlsx');
    await this.directory.xlsx(result.entries, res);
  }
}

function inputOf(query: DirectoryQuery, limit: number) {
  const page = limit === PAGE_SIZE ? (query.page ?? 1) : 1;
  return {
    q: query.q,
    sort: query.sort ?? 'name',
    desc: query.desc ?? false,
    limit,
    offset: (page - 1) * limit,
  };
}
