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
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { Lang } from '../i18n/i18n';
import { RequestLang } from '../i18n/request-lang.decorator';
import { WorkflowLock } from '../workflow/core/workflow-lock';
import { ReviewDecisionsService } from '../workflow/review/review-decisions.service';
import { DecisionDto } from '../workflow/review/review.dto';
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
    @Inject(ReviewDecisionsService) private readonly decisions: ReviewDecisionsService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
  ) {}

  @Get('evidence')
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
  @RequirePermission('evidence.upload')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Creates an evidence item: `files`, or a link (`url`, `capturedAt`) with an optional `snapshot`.',
  })
  @ApiBadRequestResponse({
    description: 'Bad metadata, or a refused link (scheme, credentials, control characters, length).',
  })
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
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The item with every file revision and its links.' })
  get(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
  ) {
    return this.detail(agencyId, evidenceId);
  }

  @Patch('evidence/:evidenceId')
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

  /** The evaluation's decision, with the stage rules, history and inbox of src/workflow/review. */
  @Post('evidence/:evidenceId/decision')
  @RequirePermission('evidence.review')
  @ApiConflictResponse({
    description: 'A stale version (someone decided first), a move not allowed, or the stage.',
  })
  async decision(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Body() body: DecisionDto,
  ) {
    await this.decisions.decide(actor, agencyId, evidenceId, body, 'evaluator');
    return this.detail(agencyId, evidenceId);
  }

  @Get('evidence/:evidenceId/files/:fileId')
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
  @RequirePermission('evidence.upload')
  async carryForward(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: CarryForwardDto,
  ) {
    const to = await this.evidence.period(year);
    const from = await this.evidence.period(body.fromYear);
    await this.lock.assertAllowed(undefined, 'evidence.create', { agencyId, periodId: to.id, actor });
    return this.files.carryForward(actor, agencyId, from, to, body.evidenceIds);
  }

  private async detail(agencyId: string, id: string) {
    const { evidence, links } = await this.evidence.get(agencyId, id);
    return evidenceView(evidence, links);
  }
}
