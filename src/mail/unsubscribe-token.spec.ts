import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token';

describe('unsubscribe tokens', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const userId = '7f0c4b1e-2a52-4d47-9d0e-0f4ab8f0a111';

  it('reads back the person and the kind it was signed for', () => {
    expect(readUnsubscribeToken(secret, unsubscribeToken(secret, userId, 'submitted'))).toEqual({
      userId,
      kind: 'submitted',
    });
  });

  it('refuses a token signed with another secret, altered, or not a token at all', () => {
    const token = unsubscribeToken(secret, userId, 'submitted');
    const other = unsubscribeToken(secret, userId, 'returned');
    expect(readUnsubscribeToken('another-secret-of-thirty-two-characters!', token)).toBeNull();
    expect(readUnsubscribeToken(secret, `${other.split('.')[0]}.${token.split('.')[1]}`)).toBeNull();
    expect(readUnsubscribeToken(secret, `${token}x`)).toBeNull();
    expect(readUnsubscribeToken(secret, undefined)).toBeNull();
    expect(readUnsubscribeToken(secret, 'a.b.c')).toBeNull();
  });
});
