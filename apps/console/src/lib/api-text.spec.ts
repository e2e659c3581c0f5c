import { localizeMessage, localizeReason } from './api-text';

describe('what the API says, in the office language', () => {
  it('translates known field reasons, numbers and joined reasons included', () => {
    expect(localizeReason('is required', 'ko')).toBe('필수 항목입니다');
    expect(localizeReason('must be longer than or equal to 1 characters', 'ko')).toBe('1자 이상 입력하세요');
    expect(localizeReason('must not be greater than 10000', 'ko')).toBe('10,000 이하여야 합니다');
    expect(localizeReason('must be a Korean phone number such as 053-123-4567', 'ko')).toBe('전화번호(예: 053-123-4567)를 입력하세요');
    expect(localizeReason('must be one of the following values: admin, dispatcher', 'ko')).toBe('다음 중 하나여야 합니다: admin, dispatcher');
    expect(localizeReason('is required; must be a UUID', 'ko')).toBe('필수 항목입니다; 올바른 ID가 아닙니다');
  });

  it('keeps what it does not know, and English as the API wrote it', () => {
    expect(localizeReason('periodEnd is before periodStart', 'ko')).toBe('periodEnd is before periodStart');
    expect(localizeReason('is required', 'en')).toBe('is required');
  });

  it('says an error by its code, else by its status, else as sent', () => {
    expect(localizeMessage({ status: 401, code: 'AUTH.INVALID_CREDENTIALS', message: 'Login or password is wrong' }, 'ko')).toBe('아이디 또는 비밀번호가 틀렸습니다');
    expect(localizeMessage({ status: 404, code: 'SOMETHING.NEW', message: 'x' }, 'ko')).toBe('찾을 수 없습니다');
    expect(localizeMessage({ status: 503, code: 'HTTP_503', message: 'Service Unavailable' }, 'ko')).toMatch(/^서버/);
    expect(localizeMessage({ status: 418, code: 'TEA', message: 'I am a teapot' }, 'ko')).toBe('I am a teapot');
    expect(localizeMessage({ status: 401, code: 'AUTH.INVALID_CREDENTIALS', message: 'Login or password is wrong' }, 'en')).toBe('Login or password is wrong');
  });
});
