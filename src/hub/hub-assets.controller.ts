import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { Public } from '../access/access.decorators';

/** chart.js ships a browser build in its package; it is served from there, so no copy goes stale. */
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

@ApiExcludeController()
@Controller('hub/assets')
export class HubAssetsController {
  @Get('chart.umd.min.js')
  @Public()
  chart(@Res() res: Response) {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=86400');
    createReadStream(CHART_JS).pipe(res);
  }
}
