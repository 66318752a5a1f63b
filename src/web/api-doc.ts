import { applyDecorators } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  ApiBody,
  ApiExtraModels,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** The body of every API error (the exception filter's JSON answer). */
export class ApiErrorView {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ description: 'Stable machine-readable code.', example: 'conflict.stale_version' })
  code!: string;
  @ApiProperty({
    description: "A message a person can act on, in the caller's language (Accept-Language or ?lang=).",
    example: 'Data telah diubah orang lain sejak Anda membacanya; muat ulang lalu coba lagi.',
  })
  message!: string;
  @ApiPropertyOptional({ description: 'Per-field or per-row problems, when there are several.' })
  details?: unknown;
  @ApiPropertyOptional({ description: 'The X-Request-Id of the request, to quote to support.' })
  requestId?: string;
}

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;

const ERROR_MEANING: Record<ApiErrorStatus, string> = {
  400: 'Invalid input: a field is missing, malformed or out of range (the message names it).',
  401: 'Not signed in: no session cookie or bearer token, or it expired.',
  403: 'Signed in, but your role or agency may not do this.',
  404: 'No such record, or it belongs to another agency.',
  409: 'Conflict with the current state: a stale version, a duplicate, or a workflow lock.',
  413: 'The upload is larger than the limit.',
  415: 'The file type is not accepted.',
  422: 'The file was read but its content has problems (each with its line or path).',
};

export interface ApiDoc {
  summary: string;
  description: string;
  /**
   * Errors beyond 401 and 403 (which every signed-in route may answer): `true` for the general
   * meaning of the status, or what it means for this operation.
   */
  errors?: Partial<Record<ApiErrorStatus, true | string>>;
  /** An example of the request body; required for operations that take a body. */
  body?: object;
  /** For the routes anyone may call (login, unsubscribe): no 401/403. */
  public?: boolean;
}

/**
 * One decorator for the documentation of an API operation: summary, description, the error
 * responses with their body, and an example of the request body.
 */
export function ApiOperationDoc(doc: ApiDoc): MethodDecorator {
  const errors: Partial<Record<ApiErrorStatus, true | string>> = doc.public ? {} : { 401: true, 403: true };
  Object.assign(errors, doc.errors);
  const decorators = [
    ApiExtraModels(ApiErrorView),
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ...Object.entries(errors).map(([status, meaning]) =>
      ApiResponse({
        status: Number(status),
        description: meaning === true ? ERROR_MEANING[Number(status) as ApiErrorStatus] : meaning,
        // JSON even where the success is a file (PDF, spreadsheet, ZIP).
        content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorView) } } },
      }),
    ),
  ];
  if (doc.body) decorators.push(bodyExample(doc.body));
  return applyDecorators(...decorators);
}

const SWAGGER_PARAMETERS = 'swagger/apiParameters';

/**
 * Adds the example to the request body while keeping its schema: an explicit `@ApiBody({ type })`
 * below this decorator (multipart uploads) gets the example, else the body is documented with the
 * type of the `@Body()` parameter.
 */
function bodyExample(example: object): MethodDecorator {
  const examples = { example: { value: example } };
  return (target, key, descriptor) => {
    const method = descriptor.value as object;
    const parameters = (Reflect.getMetadata(SWAGGER_PARAMETERS, method) ?? []) as { in?: string }[];
    const explicit = parameters.find((p) => p.in === 'body');
    if (explicit) {
      Reflect.defineMetadata(
        SWAGGER_PARAMETERS,
        parameters.map((p) => (p === explicit ? { ...p, examples } : p)),
        method,
      );
      return descriptor;
    }
    return ApiBody({ type: bodyParameterType(target, key) as never, examples })(target, key, descriptor);
  };
}

function bodyParameterType(target: object, key: string | symbol): unknown {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
    string,
    { index: number }
  >;
  const body = Object.entries(args).find(([arg]) => arg.startsWith(`${RouteParamtypes.BODY}:`));
  const types = (Reflect.getMetadata('design:paramtypes', target, key) ?? []) as unknown[];
  return body ? types[body[1].index] : undefined;
}
