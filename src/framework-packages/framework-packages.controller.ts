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
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { PACKAGE_UPLOAD_OPTIONS, packageText, type PackageUpload } from './framework-package.upload';
import { FrameworkPackagesService, type FrameworkPackageView } from './framework-packages.service';

@ApiTags('frameworks')
@ApiBearerAuth()
@Controller('api/v1/frameworks')
export class FrameworkPackagesController {
  constructor(@Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService) {}

  @Get()
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description: 'Every stored framework version, its sources, provisional parts and the periods using it.',
  })
  list(): Promise<FrameworkPackageView[]> {
    return this.frameworks.list();
  }

  @Get(':frameworkId/:version')
  @RequirePermission('agency.read')
  @ApiOkResponse({ description: 'The package (docs/frameworks.md), as validated and stored.' })
  async get(@Param('frameworkId') id: string, @Param('version') version: string): Promise<FrameworkPackage> {
    const pkg = await this.frameworks.get(id, version);
    if (!pkg) throw new NotFoundException(`Framework ${id} version ${version} is not stored.`);
    return pkg;
  }

  /** A package file as multipart `file`, or JSON `{ "content": "<YAML or JSON text>" }`. */
  @Post()
  @RequirePermission('agency.manage')
  @UseInterceptors(FileInterceptor('file', PACKAGE_UPLOAD_OPTIONS))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiCreatedResponse({ description: 'Stored (200 when the same version and content was stored already).' })
  @ApiBadRequestResponse({
    description: 'The package is invalid; `message` lists every problem with its JSON path.',
  })
  @ApiConflictResponse({ description: 'That id and version is stored with other content.' })
  async import(
    @CurrentActor() actor: Actor,
    @UploadedFile() upload: PackageUpload | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FrameworkPackageView> {
    const text = packageText(upload, body);
    if (text === undefined)
      throw new BadRequestException('file: a framework package file (YAML or JSON) is required.');
    const { view, created } = await this.frameworks.import(text, actor.userId);
    res.status(created ? 201 : 200);
    return view;
  }
}
