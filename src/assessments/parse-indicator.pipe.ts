import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ASSESSED_INDICATORS } from './assessments.service';
import { refuse } from '../i18n/refusal';

/** Only the indicators this product assesses (7 and 18) are valid in a path. */
@Injectable()
export class ParseIndicatorPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const n = Number(value);
    if (!(ASSESSED_INDICATORS as readonly number[]).includes(n)) throw notAssessed();
    return n;
  }
}

/**
 * An indicator number of any framework (1 to 99) where the period decides which are valid: the
 * service refuses, for an SPBE 2020 period, any but 7 and 18 with `notAssessed()`.
 */
@Injectable()
export class ParseAnyIndicatorPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const n = Number(value);
    if (!/^[1-9][0-9]?$/.test(value) || !Number.isInteger(n)) throw notAssessed();
    return n;
  }
}

export function notAssessed(): BadRequestException {
  return refuse(BadRequestException, 'msg.validation.one_of', {
    field: 'indicator',
    choices: ASSESSED_INDICATORS.join(', '),
  });
}
