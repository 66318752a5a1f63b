import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { Lang } from '../i18n/i18n';
import { RequestLang } from '../i18n/request-lang.decorator';
import { UploadedEvidenceFile } from './upload/hashing-storage.engine';
import {
  CarryForwardDto,
  CreateEvidenceDto,
  EvidenceQuery,
  EvidenceStatusDto,
  UpdateEvidenceDto,
} from './evidence.dto';
import { EvidenceFilesService } from './evidence-files.service';
import { EvidenceService } from './evidence.service';
import { evidenceView } from './evidence.view';
import { DiscardUploadsOnError } from './upload/discard-on-error.interceptor';
import { CREATE_FILE_FIELDS } from './upload/upload.options';

const MAX_FILES = 20;

type CreateUpload = { files?: UploadedEvidenceFile[]; snapshot?: UploadedEvidenceFile[] };

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId')
export class EvidenceController {
  constructor(
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
    @Inject(EvidenceFilesService) private readonly files: EvidenceFilesService,
  ) {}

  @Get('evidence')
  @ApiOperationDoc({
    summary: 'List evidence',
    description:
      'The evidence items of the agency for a year, paged and filterable by kind, status, indicator and unit.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  async list(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() query: EvidenceQuery) {
    const period = await this.evidence.period(query.year);
    const { items, total } = await this.evidence.list(agencyId, period, query);
    return {
      year: period.year,
      items: items.map((e) => evidenceView(e)),
      total,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    };
  }

  @Post('evidence')
  @ApiOperationDoc({
    summary: 'Upload evidence',
    description:
      'Creates an evidence item: `files`, or a link (`url`, `capturedAt`) with an optional `snapshot`, with its kind, indicators, units and the policies, reviews, follow-ups or integrations it supports. Duplicate files are refused unless allowDuplicate.',
    errors: {
      400: 'Bad metadata, or a refused link (scheme, credentials, control characters, length).',
      404: true,
      413: true,
      415: true,
    },
    body: {
      kind: 'policy_enacted',
      title: 'Perbup 12/2025 tentang SPL',
      documentNumber: '12 Tahun 2025',
      documentDate: '2025-03-01',
      indicators: [7],
      allUnits: true,
      policyIds: ['5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50'],
      status: 'submitted',
      files: ['(binary: perbup-12-2025.pdf)'],
    },
  })
  @RequirePermission('evidence.upload')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileFieldsInterceptor(CREATE_FILE_FIELDS), DiscardUploadsOnError)
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CreateEvidenceDto,
    @RequestLang() lang: Lang,
    @UploadedFiles() upload: CreateUpload = {},
  ) {
    const created = await this.evidence.create(
      actor,
      agencyId,
      body,
      { files: upload.files ?? [], snapshot: upload.snapshot },
      lang,
    );
    return this.detail(agencyId, created.id);
  }

  @Get('evidence/:evidenceId')
  @ApiOperationDoc({
    summary: 'Read an evidence item',
    description: 'One evidence item with every file revision, its status history and its links.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The item with every file revision and its links.' })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
  ) {
    return this.detail(agencyId, evidenceId);
  }

  @Patch('evidence/:evidenceId')
  @ApiOperationDoc({
    summary: 'Change an evidence item',
    description:
      'Changes the metadata and links of an evidence item. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: true },
    body: {
      version: 2,
      kind: 'policy_enacted',
      title: 'Perbup 12/2025 tentang SPL',
      documentDate: '2025-03-01',
      indicators: [7],
      policyIds: ['5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50'],
      reviewIds: [],
    },
  })
  @RequirePermission('evidence.upload')
  async update(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: UpdateEvidenceDto,
    @RequestLang() lang: Lang,
  ) {
    const { evidence, links } = await this.evidence.update(actor, agencyId, evidenceId, body, lang);
    return evidenceView(evidence, links);
  }

  @Post('evidence/:evidenceId/files')
  @ApiOperationDoc({
    summary: 'Add a file revision',
    description:
      'Adds files (a new revision, or a file for a slot) to an evidence item; earlier revisions are kept.',
    errors: { 400: true, 404: true, 413: true, 415: true },
  })
  @RequirePermission('evidence.upload')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FilesInterceptor('files', MAX_FILES), DiscardUploadsOnError)
  async addFiles(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @RequestLang() lang: Lang,
    @UploadedFiles() files: UploadedEvidenceFile[] = [],
    @Query('slot') slot?: string,
  ) {
    const { evidence, links } = await this.evidence.addFiles(
      actor,
      agencyId,
      evidenceId,
      files,
      slot ? Number(slot) : undefined,
      lang,
    );
    return evidenceView(evidence, links);
  }

  @Post('evidence/:evidenceId/status')
  @ApiOperationDoc({
    summary: 'Send or withdraw evidence',
    description:
      'Moves an evidence item between draft and submitted (agency side); a reason is needed to withdraw.',
    errors: { 400: true, 404: true },
    body: { status: 'submitted' },
  })
  @RequirePermission('evidence.upload')
  async status(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: EvidenceStatusDto,
  ) {
    const { evidence, links } = await this.evidence.setStatus(
      actor,
      agencyId,
      evidenceId,
      body.status,
      body.reason,
    );
    return evidenceView(evidence, links);
  }

  @Get('evidence/:evidenceId/files/:fileId')
  @ApiOperationDoc({
    summary: 'Download an evidence file',
    description: 'The stored file of one revision, with its original name and checked SHA-256.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('agency.read')
  async download(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Query('inline') inline: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.files.open(agencyId, evidenceId, fileId, inline === '1' || inline === 'true');
    res.set(file.headers);
    return new StreamableFile(file.stream);
  }

  @Post('periods/:year/evidence/carry-forward')
  @ApiOperationDoc({
    summary: 'Carry evidence forward',
    description:
      'Copies evidence items of an earlier year into this period as drafts, so they can be checked and sent again.',
    errors: { 400: true, 404: true },
    body: { fromYear: 2025, evidenceIds: ['9e8d7c6b-5a49-4382-a716-b5c4d3e2f1a0'] },
  })
  @RequirePermission('evidence.upload')
  async carryForward(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: CarryForwardDto,
  ) {
    const to = await this.evidence.period(year);
    const from = await this.evidence.period(body.fromYear);
    return this.files.carryForward(actor, agencyId, from, to, body.evidenceIds);
  }

  private async detail(agencyId: string, id: string) {
    const { evidence, links } = await this.evidence.get(agencyId, id);
    return evidenceView(evidence, links);
  }
}
