import {
  Body,
  Controller,
  Get,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { render } from '../i18n/message';
import { FrameworkPackageRepository } from './framework-package.repository';
import { PACKAGE_UPLOAD_OPTIONS, packageText, type PackageUpload } from './framework-package.upload';
import { FrameworkPackagesService, PackageInvalidException } from './framework-packages.service';
import { frameworksPageView } from './frameworks-page.view';
import { simulationView } from './index-simulation.view';
import { refuse } from '../i18n/refusal';

/** The administrator's framework page (list, upload) and the leaders' index simulation. */
@ApiExcludeController()
@Controller()
export class FrameworkPackagesPagesController {
  constructor(
    @Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService,
    @Inject(FrameworkPackageRepository) private readonly packages: FrameworkPackageRepository,
  ) {}

  @Get('frameworks')
  @RequirePermission('agency.manage')
  async list(@Query('imported') imported: string | undefined, @Res() res: Response) {
    await this.render(res, 200, { imported });
  }

  @Post('frameworks')
  @RequirePermission('agency.manage')
  @UseInterceptors(FileInterceptor('file', PACKAGE_UPLOAD_OPTIONS))
  async upload(
    @CurrentActor() actor: Actor,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
    @UploadedFile() upload: PackageUpload | undefined,
  ) {
    const lang = requestLang(res);
    const text = packageText(upload, body);
    if (text === undefined)
      return this.render(res, 400, { formError: translate(lang, 'frameworks.upload.missing') });
    try {
      const { view } = await this.frameworks.import(text, actor.userId);
      res.redirect(303, `/frameworks?imported=${encodeURIComponent(`${view.id} ${view.version}`)}`);
    } catch (error) {
      if (error instanceof PackageInvalidException)
        return this.render(res, 422, {
          formError: translate(lang, 'frameworks.upload.invalid'),
          errors: error.errors.map((e) => ({ path: e.path, message: render(lang, e.problem) })),
        });
      if (error instanceof HttpException)
        return this.render(res, error.getStatus(), { formError: error.message });
      throw error;
    }
  }

  @Get('agencies/:agencyId/periods/:year/index-simulation')
  @RequirePermission('report.read')
  async simulation(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const choice = await this.packages.choiceFor(year);
    if (!choice) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
    const pkg = await this.frameworks.forPeriod(choice.frameworkId, choice.version);
    const lang = requestLang(res);
    res.render('frameworks/simulation', {
      title: translate(lang, 'frameworks.simulation.title'),
      activeNav: 'agencies',
      agencyId,
      year,
      framework: { id: pkg.id, version: pkg.version, title: pkg.title[lang] },
      ...simulationView(pkg, query, lang),
    });
  }

  private async render(res: Response, status: number, extra: Record<string, unknown>) {
    const lang = requestLang(res);
    res.status(status).render('frameworks/list', {
      title: translate(lang, 'frameworks.title'),
      activeNav: 'frameworks',
      frameworks: frameworksPageView(await this.frameworks.list(), lang),
      ...extra,
    });
  }
}
