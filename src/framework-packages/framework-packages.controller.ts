import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { ApiOperationDoc } from '../web/api-doc';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { PACKAGE_UPLOAD_OPTIONS, packageText, type PackageUpload } from './framework-package.upload';
import { FrameworkPackagesService, type FrameworkPackageView } from './framework-packages.service';
import { refuse } from '../i18n/refusal';

@ApiTags('frameworks')
@ApiBearerAuth()
@Controller('api/v1/frameworks')
export class FrameworkPackagesController {
  constructor(@Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List framework packages',
    description:
      'Every stored framework version (SPBE 2020, Pemerintah Digital 2026 and imported ones) with its sources, provisional parts and the periods using it.',
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description: 'Every stored framework version, its sources, provisional parts and the periods using it.',
  })
  list(): Promise<FrameworkPackageView[]> {
    return this.frameworks.list();
  }

  @Get(':frameworkId/:version')
  @ApiOperationDoc({
    summary: 'One framework package',
    description:
      'The stored package of one framework version: aspects, indicators, weights, bands, criteria and sources.',
    errors: { 400: true, 404: 'No such framework id and version is stored.' },
  })
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The package (docs/frameworks.md), as validated and stored.' })
  async get(@Param('frameworkId') id: string, @Param('version') version: string): Promise<FrameworkPackage> {
    const pkg = await this.frameworks.get(id, version);
    if (!pkg) throw refuse(NotFoundException, 'msg.frameworks.not_stored', { id, version });
    return pkg;
  }

  /** A package file as multipart `file`, or JSON `{ "content": "<YAML or JSON text>" }`. */
  @Post()
  @RequirePermission('agency.manage')
  @UseInterceptors(FileInterceptor('file', PACKAGE_UPLOAD_OPTIONS))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperationDoc({
    summary: 'Import a framework package',
    description:
      'Validates a framework package (YAML or JSON, as multipart `file` or JSON `content`) against the published schema and stores it as a new version; a stored version is never changed. Admins only.',
    errors: {
      400: 'The package is invalid; `details` lists every problem with its JSON path.',
      409: 'That id and version is stored with other content.',
      413: 'The package file is larger than the limit.',
      415: 'The file is not text (YAML or JSON), e.g. a PDF or a spreadsheet.',
    },
    body: { content: 'id: pemdi-2026\nversion: 2026.2\n...' },
  })
  @ApiCreatedResponse({ description: 'Stored (200 when the same version and content was stored already).' })
  async import(
    @CurrentActor() actor: Actor,
    @UploadedFile() upload: PackageUpload | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FrameworkPackageView> {
    const text = packageText(upload, body);
    if (text === undefined) throw refuse(BadRequestException, 'msg.frameworks.file_required');
    const { view, created } = await this.frameworks.import(text, actor.userId);
    res.status(created ? 201 : 200);
    return view;
  }
}
