import {
  BadRequestException,
  Controller,
  Get,
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
import { IsOptional, IsString } from 'class-validator';
import { FormBody, FormInput, submitForm } from '../web/page-form';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { render } from '../i18n/message';
import { PACKAGE_UPLOAD_OPTIONS, packageText, type PackageUpload } from './framework-package.upload';
import { FrameworkPackagesService, PackageInvalidException } from './framework-packages.service';
import { frameworksPageView } from './frameworks-page.view';
import { simulationView } from './index-simulation.view';
import { refuse } from '../i18n/refusal';

/** The administrator's framework page (list, upload) and the leaders' index simulation. */
/** The upload form: a file, or the package pasted as text. */
class PackageForm {
  @IsOptional() @IsString() content?: string;
}

@ApiExcludeController()
@Controller()
export class FrameworkPackagesPagesController {
  constructor(@Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService) {}

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
    @FormBody(PackageForm) form: FormInput<PackageForm>,
    @UploadedFile() upload: PackageUpload | undefined,
  ) {
    const lang = requestLang(res);
    await submitForm(res, form, {
      save: async (dto) => {
        const text = packageText(upload, { ...dto });
        if (text === undefined) throw refuse(BadRequestException, 'frameworks.upload.missing');
        try {
          const { view } = await this.frameworks.import(text, actor.userId);
          return `/frameworks?imported=${encodeURIComponent(`${view.id} ${view.version}`)}`;
        } catch (error) {
          if (!(error instanceof PackageInvalidException)) throw error;
          // The package's own problems are listed under the form.
          return this.render(res, 422, {
            formError: translate(lang, 'frameworks.upload.invalid'),
            errors: error.errors.map((e) => ({ path: e.path, message: render(lang, e.problem) })),
          });
        }
      },
      page: (state) => this.render(res, state.status, { formError: state.formError }),
      at: '/frameworks',
    });
  }

  @Get('agencies/:agencyId/periods/:year/index-simulation')
  @RequirePermission('report.read')
  async simulation(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const choice = await this.frameworks.choiceFor(year);
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
