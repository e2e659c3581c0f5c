/**
 * The API speaks English (its reasons and messages are part of the contract other clients
 * read); the office reads Korean. These turn what the API says into the office's language:
 * known reasons and codes by table, anything else as the API wrote it.
 */
export type TextLang = 'ko' | 'en';

/** class-validator's and our own validators' reasons, as the API sends them (field name removed). */
const REASONS_KO: [RegExp, string | ((...m: string[]) => string)][] = [
  [/^is required$/, '필수 항목입니다'],
  [/^is not a known field$/, '알 수 없는 항목입니다'],
  [/^(should not be empty|must not be blank)$/, '비어 있으면 안 됩니다'],
  [/^must be longer than or equal to (\d+) characters?$/, (n) => `${n}자 이상 입력하세요`],
  [/^must be shorter than or equal to (\d+) characters?$/, (n) => `${n}자 이하로 입력하세요`],
  [/^must not be less than (-?[\d.]+)$/, (n) => `${Number(n).toLocaleString('ko-KR')} 이상이어야 합니다`],
  [/^must not be greater than (-?[\d.]+)$/, (n) => `${Number(n).toLocaleString('ko-KR')} 이하여야 합니다`],
  [/^must be an integer number$/, '정수를 입력하세요'],
  [/^must be a number.*$/, '숫자를 입력하세요'],
  [/^must be a boolean value$/, '예/아니오 값이어야 합니다'],
  [/^must be a string$/, '글자로 입력하세요'],
  [/^must be an array$/, '목록이어야 합니다'],
  [/^must contain at least (\d+) elements?$/, (n) => `${n}개 이상 골라야 합니다`],
  [/^(all elements must be unique|must contain unique elements)$/, '같은 값을 두 번 넣을 수 없습니다'],
  [/^(each value in )?.*must be one of the following values: (.*)$/, (_e, list) => `다음 중 하나여야 합니다: ${list}`],
  [/^must be a UUID$/, '올바른 ID가 아닙니다'],
  [/^must be (a valid ISO 8601 date string|a calendar date.*|YYYY-MM-DD.*)$/, '날짜(YYYY-MM-DD)를 입력하세요'],
  [/^must be YYYY-MM$/, '월(YYYY-MM)을 입력하세요'],
  [/^must be a Korean mobile number.*$/, '휴대전화 번호(예: 010-1234-5678)를 입력하세요'],
  [/^must be a Korean phone number.*$/, '전화번호(예: 053-123-4567)를 입력하세요'],
  [/^must be 13 digits \(YYMMDD-NNNNNNN\)$/, '주민등록번호 13자리(YYMMDD-NNNNNNN)를 입력하세요'],
  [/^must be 10 digits \(###-##-#####\)$/, '사업자등록번호 10자리(###-##-#####)를 입력하세요'],
  [/^must be 6-20 digits, optionally with hyphens$/, '계좌번호는 숫자 6~20자리입니다 (하이픈 가능)'],
  [/^must be 3-40 letters, digits, \. _ or -, starting with a letter$/, '영문자로 시작하는 3~40자 (영문, 숫자, . _ -)'],
  [/^already (taken|registered|used)$|^taken$/, '이미 사용 중입니다'],
  [/^already assigned$/, '이미 배정되었습니다'],
  [/^no such (member|order|client|insurer|batch|run|payout|statement|staff account|enrolment).*$/, '찾을 수 없습니다'],
  [/^must be a month that has ended$/, '이미 끝난 달이어야 합니다'],
  [/^must be after today \(Asia\/Seoul\)$/, '내일 이후 날짜여야 합니다'],
  [/^overlaps another run$/, '다른 정산 기간과 겹칩니다'],
  [/^no other active admin would be left$/, '활성 관리자가 한 명도 남지 않게 됩니다'],
  [/^cover rejected or ended$/, '단체상해보험이 거절되었거나 끝났습니다'],
  [/^must be a client with a credit account$/, '외상 거래처여야 합니다'],
];

/** One reason in the office's language (as is when unknown, or in English). */
export function localizeReason(reason: string, lang: TextLang): string {
  if (lang !== 'ko') return reason;
  return reason
    .split('; ')
    .map((part) => {
      for (const [pattern, ko] of REASONS_KO) {
        const m = pattern.exec(part);
        if (m) return typeof ko === 'string' ? ko : ko(...m.slice(1));
      }
      return part;
    })
    .join('; ');
}

/** Stable codes the office meets, in Korean; others fall back to the status below. */
const CODES_KO: Record<string, string> = {
  'AUTH.INVALID_CREDENTIALS': '아이디 또는 비밀번호가 틀렸습니다',
  'AUTH.TOO_MANY_ATTEMPTS': '로그인 시도가 너무 많습니다. 잠시 뒤 다시 해 보세요',
  'AUTH.ACCOUNT_CLOSED': '사용할 수 없는 계정입니다',
  'REQUEST.VALIDATION_FAILED': '입력한 값을 확인하세요',
  'REQUEST.UNKNOWN_FIELD': '알 수 없는 항목이 있습니다',
  'MEMBERSHIP.INVALID_TRANSITION': '지금 상태에서는 할 수 없는 처리입니다',
  'MEMBERSHIP.LAST_ADMIN': '활성 관리자가 적어도 한 명은 남아야 합니다',
  'MEMBERSHIP.DUPLICATE_RRN': '이미 등록된 주민등록번호입니다',
  'MEMBERSHIP.DUPLICATE_PHONE': '이미 등록된 전화번호입니다',
  'MEMBERSHIP.DUPLICATE_STAFF_LOGIN': '이미 있는 아이디입니다',
  'DISPATCH.COURIER_NOT_COVERED': '단체상해보험이 없는 기사에게는 배정할 수 없습니다',
  'DISPATCH.ALREADY_ASSIGNED': '이미 다른 기사에게 배정되었습니다',
  'DISPATCH.INVALID_TRANSITION': '지금 상태에서는 할 수 없는 처리입니다',
  'BILLING.PERIOD_OVERLAPS': '다른 정산 기간과 겹칩니다',
  'INSURANCE.RATE_IN_USE': '이미 계산에 쓰인 요율은 바꿀 수 없습니다',
  'BILLING.POLICY_IN_THE_PAST': '지난 날짜의 수수료율은 바꿀 수 없습니다',
  'BILLING.POLICY_DATE_TAKEN': '그 날짜의 수수료율이 이미 있습니다',
  'BILLING.RUN_NOT_DONE': '정산이 아직 끝나지 않았습니다',
  'BILLING.NO_FEE_POLICY': '그 날짜에 적용할 수수료율이 없습니다',
  'DISPATCH.COURIER_NOT_ACTIVE': '활동 중인 조합원이 아닙니다',
  'DISPATCH.NOT_ONLINE': '기사가 접속해 있지 않습니다',
  'DISPATCH.VEHICLE_MISMATCH': '주문한 차종과 기사의 차종이 다릅니다',
  'DISPATCH.TOO_FAR': '거리가 너무 멉니다',
  'DISPATCH.NO_PRICING_RULES': '그 시각에 적용할 요금표가 없습니다',
  'DISPATCH.PRICING_DATE_TAKEN': '그 날짜의 요금표가 이미 있습니다',
  'DISPATCH.CREDIT_ACCOUNT_REQUIRED': '외상 거래처만 외상 주문을 할 수 있습니다',
  'INSURANCE.CANNOT_RESUBMIT': '다시 보낼 수 없는 가입 건입니다',
  'INSURANCE.MONTH_NOT_OVER': '아직 끝나지 않은 달입니다',
  'INSURANCE.BATCH_NOT_READY': '파일이 아직 준비되지 않았습니다',
  'MEMBERSHIP.REFUND_EXCEEDS_BALANCE': '출자금 잔액보다 많이 환급할 수 없습니다',
  'MEMBERSHIP.INVALID_RRN': '주민등록번호가 올바르지 않습니다',
  'MEMBERSHIP.DUPLICATE_BUSINESS_NO': '이미 등록된 사업자등록번호입니다',
  'MEMBERSHIP.NOTHING_TO_CHANGE': '바꿀 내용이 없습니다',
};

const STATUS_KO: Record<number, string> = {
  400: '요청을 처리할 수 없습니다. 입력을 확인하세요',
  401: '로그인이 필요합니다',
  403: '권한이 없습니다',
  404: '찾을 수 없습니다',
  409: '다른 변경과 충돌했습니다. 새로고침한 뒤 다시 해 보세요',
  413: '파일이 너무 큽니다',
  429: '요청이 너무 많습니다. 잠시 뒤 다시 해 보세요',
};

/** An API error's message for the office: in Korean by code or status, else as sent. */
export function localizeMessage(error: { status: number; code: string; message: string }, lang: TextLang): string {
  // The console's own errors (CONSOLE.*) are written in the office's language already.
  if (lang !== 'ko' || error.code.startsWith('CONSOLE.')) return error.message;
  if (CODES_KO[error.code]) return CODES_KO[error.code];
  if (STATUS_KO[error.status]) return STATUS_KO[error.status];
  if (error.status >= 500) return '서버에 문제가 생겼습니다. 잠시 뒤 다시 해 보세요';
  return error.message;
}

/** Any error as one line for the office: an API error by `localizeMessage`, others as they say. */
export function describeError(error: unknown, lang: TextLang): string {
  if (error && typeof error === 'object' && 'status' in error && 'code' in error && 'message' in error) {
    return localizeMessage(error as { status: number; code: string; message: string }, lang);
  }
  return error instanceof Error ? error.message : String(error);
}
