import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Response } from 'express';
import { RequirePermission } from '../access/access.decorators';
import { isLang } from '../i18n/i18n';
import { ROADMAP_SORTS, Roadmap, RoadmapService, RoadmapSort } from './roadmap.service';
import { roadmapXlsx } from './roadmap.xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const parseSort = (value: unknown): RoadmapSort =>
  (ROADMAP_SORTS as readonly unknown[]).includes(value) ? (value as RoadmapSort) : 'unit';

@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId')
export class RoadmapController {
  constructor(@Inject(RoadmapService) private readonly roadmap: RoadmapService) {}

  @Get('roadmap')
  @ApiOperationDoc({
    summary: 'Roadmap to the next levels',
    description:
      'Per unit, what stands between it and levels 3, 4 and 5, with owners and due dates of the onboarding steps.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiQuery({ name: 'sort', enum: ROADMAP_SORTS, required: false })
  @ApiQuery({ name: 'lang', enum: ['id', 'en'], required: false })
  @ApiOkResponse({
    description: 'Per unit, what stands between it and levels 3, 4 and 5, with owners and due dates.',
  })
  read(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query('sort') sort?: string,
    @Query('lang') lang?: string,
  ): Promise<Roadmap> {
    return this.roadmap.read(agencyId, isLang(lang) ? lang : 'id', parseSort(sort));
  }

  @Get('roadmap.xlsx')
  @ApiOperationDoc({
    summary: 'Roadmap as a spreadsheet',
    description: 'The roadmap as an Excel workbook, in the language of the request.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiProduces(XLSX)
  async xlsx(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Res() res: Response,
    @Query('sort') sort?: string,
    @Query('lang') lang?: string,
  ): Promise<void> {
    const l = isLang(lang) ? lang : 'id';
    const roadmap = await this.roadmap.read(agencyId, l, parseSort(sort));
    res
      .status(200)
      .type(XLSX)
      .setHeader('Content-Disposition', `attachment; filename="roadmap-${roadmap.year}.xlsx"`)
      .send(await roadmapXlsx(roadmap, l));
  }
}
