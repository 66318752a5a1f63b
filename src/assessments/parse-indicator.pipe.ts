import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ASSESSED_INDICATORS } from './assessments.service';
import { refuse } from '../i18n/refusal';

/** Only the indicators this product assesses (7 and 18) are valid in a path. */
@Injectable()
export class ParseIndicatorPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const n = Number(value);
    if (!(ASSESSED_INDICATORS as readonly number[]).includes(n)) {
      throw refuse(BadRequestException, 'msg.validation.one_of', {
        field: 'indicator',
        choices: ASSESSED_INDICATORS.join(', '),
      });
    }
    return n;
  }
}
