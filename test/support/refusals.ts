import { HttpException } from '@nestjs/common';

/** What a refused service call answers: the HTTP status and the catalogue key of its message. */
export async function refusalOf(call: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    const body = error.getResponse() as { code?: string };
    return { status: error.getStatus(), code: body.code ?? '' };
  }
  throw new Error('the call was not refused');
}
