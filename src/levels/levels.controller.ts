import { Controller, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators';
import { AgencyLevels, LevelsService } from './levels.service';

@ApiTags('levels')
@ApiBearerAuth()
@Controller('api/v1/agencies/:agencyId/periods/:year')
export class LevelsController {
  constructor(@Inject(LevelsService) private readonly levels: LevelsService) {}

  @Get('levels')
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'Levels of Indicators 7 and 18 for both bases, per unit, with what is missing, and the facts hash.',
  })
  read(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<AgencyLevels> {
    return this.levels.read(agencyId, year);
  }

  @Get('facts')
  @RequirePermission('agency.read')
  @ApiOkResponse({
    description:
      'The scoring contract facts; `npm run cli -- score --input` re-scores them to the same levels.',
  })
  async facts(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Param('year', ParseIntPipe) year: number) {
    return this.levels.facts(agencyId, await this.levels.periodByYear(year));
  }
}
