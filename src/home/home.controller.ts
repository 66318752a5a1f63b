import { Public } from '../access/access.decorators';
import { Controller, Get, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';

const LEVELS = [1, 2, 3, 4, 5];

@ApiExcludeController()
@Public()
@Controller()
export class HomeController {
  @Get()
  @Render('pages/home')
  home(@Res({ passthrough: true }) res: Response) {
    const lang = requestLang(res);
    return {
      activeNav: 'home',
      levels: LEVELS.map((level) => ({ level, name: translate(lang, `level.${level}`) })),
    };
  }
}
