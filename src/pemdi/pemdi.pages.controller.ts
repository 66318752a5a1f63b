import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { RequirePermission } from '../access/access.decorators';
import { refuse } from '../i18n/refusal';
import { requestLang } from '../i18n/language.middleware';
import { PemdiPeriods } from './pemdi-periods';
import { PemdiService } from './pemdi.service';

/** The indicator page of a Pemdi period: levels, the evidence a claim rests on, criteria or source. */
@ApiExcludeController()
@Controller('agencies/:agencyId/periods/:year/pemdi')
export class PemdiPagesController {
  constructor(
    @Inject(PemdiService) private readonly pemdi: PemdiService,
    @Inject(PemdiPeriods) private readonly periods: PemdiPeriods,
  ) {}

  @Get(':code')
  @RequirePermission('agency.read')
  async indicator(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Res() res: Response,
  ) {
    const lang = requestLang(res);
    const page = await this.pemdi.indicatorPage(agencyId, await this.periods.packagePeriod(year), code, lang);
    if (!page) throw refuse(NotFoundException, 'msg.pemdi.no_indicator', { code });
    res.render('pemdi/indicator', {
      title: `${page.indicator.code} ${page.indicator.name}`,
      activeNav: 'agencies',
      agencyId,
      year,
      ...page,
    });
  }
}
