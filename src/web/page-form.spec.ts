import { BadRequestException, ConflictException } from '@nestjs/common';
import { msg } from '../i18n/message';
import { refuse } from '../i18n/refusal';
import { ValidationRefusal } from '../i18n/validation-refusal';
import { formProblem } from './page-form';

describe('formProblem', () => {
  it("gives each refused field its problem as it reads under the field, in the reader's language", () => {
    const refusal = new ValidationRefusal([
      { field: 'code', message: msg('msg.validation.too_long', { field: 'code', limit: '40' }) },
      { field: 'code', message: msg('msg.validation.text', { field: 'code' }) },
      { field: 'agencyIds.0', message: msg('msg.validation.id', { field: 'agencyIds.0' }) },
    ]);
    const id = formProblem(refusal, 'id');
    expect(id.fields).toEqual({
      code: 'Paling panjang 40 karakter.',
      agencyIds: 'Harus berupa id yang sah.',
    });
    // The summary above the form still names each field.
    expect(id.message).toContain('code: paling panjang 40 karakter.');
    expect(formProblem(refusal, 'en').fields.code).toBe('At most 40 characters.');
  });

  it('makes a refusal that names a field that field’s problem, and one that names none only the summary', () => {
    const named = refuse(BadRequestException, 'msg.users.evaluators_only', { field: 'agencyIds' });
    expect(formProblem(named, 'id').fields).toEqual({
      agencyIds: 'Hanya evaluator yang ditugaskan ke instansi.',
    });
    const conflict = refuse(ConflictException, 'msg.conflict.version', { current: 3, sent: 2 });
    expect(formProblem(conflict, 'id')).toMatchObject({ status: 409, fields: {} });
  });
});
