import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { parseForm } from '../kernel/forms';
import { ApiOperationDoc } from '../web/api-doc';
import { HubEvidenceService } from './hub-evidence.service';
import { pageError } from './hub.view';

export class CatalogEvidenceDto {
  @ApiPropertyOptional({ description: 'Period year; default the latest period.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/**
 * The agency's API catalogue as evidence of its SPL service directory: the API route, and the
 * page pair (a confirmation of what will be created, then the form's POST) behind the button
 * on /api-catalog. Both call HubEvidenceService.catalogue.
 */
@ApiTags('hub')
@ApiBearerAuth()
@Controller()
export class HubCatalogEvidenceController {
  constructor(@Inject(HubEvidenceService) private readonly evidence: HubEvidenceService) {}

  @Post('api/v1/agencies/:agencyId/api-catalog/evidence')
  @ApiOperationDoc({
    summary: 'Evidence from the API catalogue',
    description:
      "Creates a submitted api_list evidence item (PDF and CSV) of the agency's API catalogue, its SPL service directory; the agency coordinator only.",
    errors: { 400: true, 404: true, 409: true },
    body: { year: 2026 },
  })
  @RequirePermission('evidence.upload')
  @ApiCreatedResponse({
    description: 'The api_list evidence item (submitted) with its PDF and CSV and their SHA-256.',
  })
  generate(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: CatalogEvidenceDto,
  ) {
    return this.evidence.catalogue(actor, agencyId, body.year);
  }

  @Get('agencies/:agencyId/api-catalog/evidence')
  @RequirePermission('evidence.upload')
  @ApiExcludeEndpoint()
  async confirm(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query() query: CatalogEvidenceDto,
    @Res() res: Response,
  ) {
    await this.render(res, agencyId, 200, async () => ({
      preview: await this.evidence.cataloguePreview(actor, agencyId, query.year),
    }));
  }

  @Post('agencies/:agencyId/api-catalog/evidence')
  @RequirePermission('evidence.upload')
  @ApiExcludeEndpoint()
  async create(
    @CurrentActor() actor: Actor,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    try {
      const dto = await parseForm(CatalogEvidenceDto, body);
      const created = await this.evidence.catalogue(actor, agencyId, dto.year);
      res.redirect(303, `/agencies/${agencyId}/evidence/${created.evidenceId}?created=1`);
    } catch (error) {
      const { status, message } = pageError(error);
      await this.render(res, agencyId, status, () => Promise.resolve({ formError: message }));
    }
  }

  private async render(
    res: Response,
    agencyId: string,
    status: number,
    model: () => Promise<Record<string, unknown>>,
  ): Promise<void> {
    let view: Record<string, unknown>;
    try {
      view = await model();
    } catch (error) {
      const failed = pageError(error);
      status = failed.status;
      view = { formError: failed.message };
    }
    res.status(status).render('hub/catalog-evidence', {
      title: translate(requestLang(res), 'catalog.evidence.confirmTitle'),
      activeNav: 'apiCatalog',
      agencyId,
      ...view,
    });
  }
}
