import { BadRequestException, ConflictException } from '@nestjs/common';
import { IsIn, IsString, validateSync } from 'class-validator';
import { msg, render } from './message';
import { errorText, refuse, refusalOf } from './refusal';
import { validationRefusal } from './validation-refusal';

class Probe {
  @IsIn(['a', 'b'], { message: 'msg.validation.choice' }) kind!: string;
  @IsString() name!: string;
}

describe('refusals from the catalogue', () => {
  it('keeps the key and its values so each reader gets their language', () => {
    const error = refuse(BadRequestException, 'msg.review.reason_required', {
      status: msg('status.rejected'),
    });
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.getStatus()).toBe(400);
    expect(error.message).toBe('reason: wajib diisi bila statusnya Ditolak.');
    expect(errorText(error, 'en')).toBe('reason: required when the status is Rejected.');
    expect(refusalOf(error)?.key).toBe('msg.review.reason_required');
    expect(refusalOf(new ConflictException('plain'))).toBeUndefined();
  });

  it('renders nested words of the catalogue (roles, stages) in the same language', () => {
    const role = msg('msg.access.role_refused', { role: msg('role.internal_assessor') });
    expect(render('id', role)).not.toMatch(/internal_assessor|role\./);
    expect(render('en', role)).toMatch(/^Your role \(.+\) may not do this\.$/);
  });

  it('turns class-validator failures into catalogue messages naming the field', () => {
    const probe = Object.assign(new Probe(), { kind: 'z', name: 5 });
    const refusal = validationRefusal(validateSync(probe));
    const texts = refusal.problems.map((p) => render('id', p.message));
    expect(texts).toEqual(['kind: pilih salah satu nilai yang tersedia.', 'name: harus berupa teks.']);
    expect(refusal.message).toBe(texts.join('; '));
  });
});
