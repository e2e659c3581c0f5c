/** Texts every page shares: navigation, states, statuses. */
export const common = {
  ko: {
    app: { name: '두레', office: '조합 사무실' },
    nav: {
      today: '오늘',
      members: '조합원',
      orders: '주문',
      dispatch: '배차',
      billing: '정산',
      insurance: '보험',
      settings: '설정',
    },
    session: { signOut: '로그아웃', role: '권한', language: 'English' },
    roles: { admin: '관리자', dispatcher: '배차 담당', accountant: '회계 담당', courier: '기사' },
    state: {
      loading: '불러오는 중…',
      empty: '아직 없습니다',
      error: '불러오지 못했습니다',
      retry: '다시 시도',
      forbidden: '이 화면을 볼 권한이 없습니다',
    },
    action: { save: '저장', cancel: '취소', confirm: '확인', search: '검색', exportCsv: 'CSV 내보내기', download: '내려받기', refresh: '새로고침', close: '닫기' },
    paging: { total: '전체 {{total}}건' },
  },
  en: {
    app: { name: 'Dure', office: 'Cooperative office' },
    nav: {
      today: 'Today',
      members: 'Members',
      orders: 'Orders',
      dispatch: 'Dispatch',
      billing: 'Billing',
      insurance: 'Insurance',
      settings: 'Settings',
    },
    session: { signOut: 'Sign out', role: 'Role', language: '한국어' },
    roles: { admin: 'Admin', dispatcher: 'Dispatcher', accountant: 'Accountant', courier: 'Courier' },
    state: {
      loading: 'Loading…',
      empty: 'Nothing here yet',
      error: 'Could not load',
      retry: 'Try again',
      forbidden: 'Your role cannot see this page',
    },
    action: { save: 'Save', cancel: 'Cancel', confirm: 'Confirm', search: 'Search', exportCsv: 'Export CSV', download: 'Download', refresh: 'Refresh', close: 'Close' },
    paging: { total: '{{total}} in all' },
  },
};
