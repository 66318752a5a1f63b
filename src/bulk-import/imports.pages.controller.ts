import {
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { FormBody, FormInput, FormState, submitForm } from '../web/page-form';
import { pageModel } from '../kernel/agency-pages';
import { APPLICATION_COLUMNS, UNIT_COLUMNS, rowErrors } from './import-rules';
import { requestLang } from '../i18n/language.middleware';
import { ImportOptions, UploadedTable, dryRunOf, requireFile, uploadInterceptor } from './imports.controller';
import { ImportReport, ImportsService } from './imports.service';

@ApiExcludeController()
@Controller('agencies/:agencyId/import')
export class ImportsPagesController {
  constructor(@Inject(ImportsService) private readonly imports: ImportsService) {}

  @Get()
  @RequirePermission('agency.write')
  form(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Res() res: Response,
  ) {
    this.render(res, actor, agencyId, 200, {});
  }

  @Post('units')
  @RequirePermission('agency.write')
  @UseInterceptors(uploadInterceptor)
  async units(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ImportOptions,
    @FormBody(ImportOptions) form: FormInput<ImportOptions>,
    @UploadedFile() upload: UploadedTable | undefined,
    @Res() res: Response,
  ) {
    await this.run(res, actor, agencyId, 'units', form, async (body) => {
      const file = requireFile(upload);
      return this.imports.importUnits(actor, agencyId, file.buffer, file.originalname, dryRunOf(query, body));
    });
  }

  @Post('applications')
  @RequirePermission('agency.write')
  @UseInterceptors(uploadInterceptor)
  async applications(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ImportOptions,
    @FormBody(ImportOptions) form: FormInput<ImportOptions>,
    @UploadedFile() upload: UploadedTable | undefined,
    @Res() res: Response,
  ) {
    await this.run(res, actor, agencyId, 'applications', form, async (body) => {
      const file = requireFile(upload);
      return this.imports.importApplications(
        actor,
        agencyId,
        file.buffer,
        file.originalname,
        dryRunOf(query, body),
      );
    });
  }

  private async run(
    res: Response,
    actor: Actor,
    agencyId: string,
    kind: string,
    form: FormInput<ImportOptions>,
    work: (options: ImportOptions) => Promise<ImportReport>,
  ) {
    // The import answers with its report on the page itself; a refused file shows the form again.
    await submitForm(res, form, {
      save: async (options) => {
        const report = await work(options);
        const shown = { ...report, errors: rowErrors(report.errors, requestLang(res)) };
        this.render(res, actor, agencyId, report.errors.length ? 422 : 200, { report: shown, kind });
      },
      page: (state) => this.render(res, actor, agencyId, state.status, { ...state, kind }),
      at: `/agencies/${agencyId}/import`,
    });
  }

  private render(
    res: Response,
    actor: Actor,
    agencyId: string,
    status: number,
    model: Partial<FormState> & { kind?: string; report?: ImportReport<unknown> },
  ) {
    res.status(status).render('pages/import', {
      ...pageModel(res, actor, agencyId, 'import', 'data.import.title'),
      kinds: [
        { key: 'units', labelKey: 'data.import.units', columns: UNIT_COLUMNS.join(', ') },
        {
          key: 'applications',
          labelKey: 'data.import.applications',
          columns: APPLICATION_COLUMNS.join(', '),
        },
      ],
      ...model,
    });
  }
}
