import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { toBool } from '../kernel/form-fields';
import { RowError, rowErrors, templateCsv } from './import-rules';
import { requestLang } from '../i18n/language.middleware';
import { MAX_IMPORT_BYTES } from './import-table';
import { ImportReport, ImportsService } from './imports.service';
import { refuse } from '../i18n/refusal';

export interface UploadedTable {
  originalname: string;
  buffer: Buffer;
  size: number;
}

export class ImportOptions {
  @ApiPropertyOptional({ default: true, description: 'Check only; nothing is written.' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'msg.validation.boolean' })
  dryRun?: boolean;
}

class ImportUpload {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV (comma or semicolon, UTF-8) or XLSX, at most 5 MB.',
  })
  file!: unknown;
  @ApiPropertyOptional({ default: true }) dryRun?: boolean;
}

export const uploadInterceptor = FileInterceptor('file', {
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1 },
});

export function dryRunOf(query: ImportOptions, body: ImportOptions | undefined): boolean {
  return body?.dryRun ?? query.dryRun ?? true;
}

function answer(res: Response, dryRun: boolean, report: ImportReport): ImportReport<RowError> {
  if (!dryRun && report.errors.length) res.status(422);
  return { ...report, errors: rowErrors(report.errors, requestLang(res)) };
}

export function requireFile(file: UploadedTable | undefined): UploadedTable {
  if (!file?.buffer?.length) throw refuse(BadRequestException, 'msg.import.file_required');
  return file;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1')
export class ImportsController {
  constructor(@Inject(ImportsService) private readonly imports: ImportsService) {}

  @Post('agencies/:agencyId/imports/units')
  @ApiOperationDoc({
    summary: 'Import units from a file',
    description:
      'Creates or updates work units from a CSV or XLSX file (template at /api/v1/imports/templates/units.csv). With dryRun nothing is written; any row error writes nothing.',
    errors: { 400: true, 404: true, 413: true, 415: true },
    body: { file: '(binary: units.csv)', dryRun: true },
  })
  @RequirePermission('agency.write')
  @HttpCode(200)
  @UseInterceptors(uploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUpload })
  @ApiOkResponse({
    description:
      'Per-row errors (row = line in the file, header = 1) and counts; 422 when a real import found errors.',
  })
  async units(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ImportOptions,
    @Body() body: ImportOptions,
    @UploadedFile() upload: UploadedTable | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportReport<RowError>> {
    const file = requireFile(upload);
    const dryRun = dryRunOf(query, body);
    return answer(
      res,
      dryRun,
      await this.imports.importUnits(actor, agencyId, file.buffer, file.originalname, dryRun),
    );
  }

  @Post('agencies/:agencyId/imports/applications')
  @ApiOperationDoc({
    summary: 'Import applications from a file',
    description:
      'Creates or updates applications from a CSV or XLSX file (template at /api/v1/imports/templates/applications.csv). With dryRun nothing is written; any row error writes nothing.',
    errors: { 400: true, 404: true, 413: true, 415: true },
    body: { file: '(binary: applications.xlsx)', dryRun: false },
  })
  @RequirePermission('agency.write')
  @HttpCode(200)
  @UseInterceptors(uploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUpload })
  @ApiOkResponse({
    description:
      'Per-row errors (row = line in the file, header = 1) and counts; 422 when a real import found errors.',
  })
  async applications(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: ImportOptions,
    @Body() body: ImportOptions,
    @UploadedFile() upload: UploadedTable | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportReport<RowError>> {
    const file = requireFile(upload);
    const dryRun = dryRunOf(query, body);
    const report = await this.imports.importApplications(
      actor,
      agencyId,
      file.buffer,
      file.originalname,
      dryRun,
    );
    return answer(res, dryRun, report);
  }

  @Get('imports/templates/units.csv')
  @ApiOperationDoc({
    summary: 'Units import template',
    description: 'A CSV template for the units import, with its header and an example row.',
    errors: {},
  })
  @RequirePermission('agency.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="units.csv"')
  unitsTemplate(): string {
    return templateCsv('units');
  }

  @Get('imports/templates/applications.csv')
  @ApiOperationDoc({
    summary: 'Applications import template',
    description: 'A CSV template for the applications import, with its header and an example row.',
    errors: {},
  })
  @RequirePermission('agency.read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="applications.csv"')
  applicationsTemplate(): string {
    return templateCsv('applications');
  }
}
