import { registerTranslations } from '../../i18n';

/** The Today page's own texts (shared ones come from the 'common' namespace). */
export const ns = registerTranslations('today', {
  ko: {
    title: '오늘',
    asOf: '{{date}} 기준 · {{time}} 갱신 · 30초마다 자동 새로고침',
    status: { requested: '접수', assigned: '배차됨', picked_up: '픽업', delivered: '완료', cancelled: '취소', failed: '실패' },
    vehicle: { motorcycle: '오토바이', damas: '다마스', labo: '라보', truck_1t: '1톤 트럭' },
    orders: { title: '주문 현황', hint: '오늘 접수된 주문과 진행 중인 모든 주문', open: '진행 중 {{count}}건' },
    couriers: { title: '접속 중인 기사', unit: '{{count}}명' },
    fee: { title: '오늘 수수료 수입', delivered: '오늘 완료 {{count}}건' },
    savings: {
      title: '이번 달 조합원 절감액',
      hint: '수수료 {{rate}} 업체 대비 · {{month}} 완료 {{count}}건',
    },
    chart: {
      title: '시간대별 배송 완료',
      peak: '가장 바쁜 시간 {{hour}}시 ({{count}}건)',
      none: '오늘 완료된 배송이 아직 없습니다',
      deliveries: '완료',
      hour: '{{hour}}시',
    },
  },
  en: {
    title: 'Today',
    asOf: 'For {{date}} · updated {{time}} · refreshes every 30 s',
    status: { requested: 'Requested', assigned: 'Assigned', picked_up: 'Picked up', delivered: 'Delivered', cancelled: 'Cancelled', failed: 'Failed' },
    vehicle: { motorcycle: 'Motorcycle', damas: 'Damas', labo: 'Labo', truck_1t: '1 t truck' },
    orders: { title: 'Orders', hint: "Today's orders and every open order", open: '{{count}} open' },
    couriers: { title: 'Couriers online', unit: '{{count}}' },
    fee: { title: "Today's fee revenue", delivered: '{{count}} delivered today' },
    savings: {
      title: 'Saved by members this month',
      hint: 'Against a {{rate}} fee · {{count}} deliveries in {{month}}',
    },
    chart: {
      title: 'Deliveries per hour',
      peak: 'Busiest hour {{hour}}:00 ({{count}})',
      none: 'No deliveries yet today',
      deliveries: 'Delivered',
      hour: '{{hour}}:00',
    },
  },
});
