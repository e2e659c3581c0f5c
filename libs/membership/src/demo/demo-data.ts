import type { VehicleType } from '../entities/member.entity';

export const DEMO_STAFF_PASSWORD = 'dure-demo-staff-1234';
export const DEMO_COURIER_PASSWORD = 'dure-demo-courier-1234';

export const DEMO_STAFF = [
  { login: 'dispatcher', name: '김배차', roles: ['dispatcher' as const] },
  { login: 'accountant', name: '이회계', roles: ['accountant' as const] },
];

type DemoState = 'active' | 'applicant' | 'suspended' | 'withdrawn' | 'rejected';

export interface DemoMember {
  name: string;
  phone: string;
  birthDate: string;
  /** The 7th RRN digit and the rest (the seed builds a number of valid form). */
  rrnTail: string;
  vehicleType: VehicleType;
  bankName: string;
  bankAccount: string;
  state: DemoState;
}

/** A dozen couriers in the states a real office sees. Phone numbers are in 010-9000-xxxx. */
export const DEMO_MEMBERS: DemoMember[] = [
  { name: '박상철', phone: '010-9000-0001', birthDate: '1968-03-14', rrnTail: '1482913', vehicleType: 'motorcycle', bankName: '대구은행', bankAccount: '508-10-123401', state: 'active' },
  { name: '최영호', phone: '010-9000-0002', birthDate: '1972-07-02', rrnTail: '1190342', vehicleType: 'motorcycle', bankName: '농협', bankAccount: '301-0123-4502-11', state: 'active' },
  { name: '정미숙', phone: '010-9000-0003', birthDate: '1975-11-23', rrnTail: '2231457', vehicleType: 'damas', bankName: '국민은행', bankAccount: '123401-04-567803', state: 'active' },
  { name: '강동원', phone: '010-9000-0004', birthDate: '1981-01-30', rrnTail: '1056781', vehicleType: 'labo', bankName: '신한은행', bankAccount: '110-234-567804', state: 'active' },
  { name: '윤재석', phone: '010-9000-0005', birthDate: '1965-09-09', rrnTail: '1671234', vehicleType: 'truck_1t', bankName: '우리은행', bankAccount: '1002-345-678905', state: 'active' },
  { name: '한수진', phone: '010-9000-0006', birthDate: '1990-05-17', rrnTail: '2345678', vehicleType: 'motorcycle', bankName: '카카오뱅크', bankAccount: '3333-01-2345606', state: 'active' },
  { name: '응우옌 반 안', phone: '010-9000-0007', birthDate: '1988-12-01', rrnTail: '5123456', vehicleType: 'motorcycle', bankName: '대구은행', bankAccount: '508-11-223307', state: 'active' },
  { name: '오세훈', phone: '010-9000-0008', birthDate: '2001-02-28', rrnTail: '3456789', vehicleType: 'motorcycle', bankName: '케이뱅크', bankAccount: '100-123-456708', state: 'applicant' },
  { name: '서지민', phone: '010-9000-0009', birthDate: '1995-08-08', rrnTail: '2987654', vehicleType: 'damas', bankName: '하나은행', bankAccount: '620-123456-78909', state: 'applicant' },
  { name: '임창수', phone: '010-9000-0010', birthDate: '1970-04-04', rrnTail: '1876543', vehicleType: 'motorcycle', bankName: '농협', bankAccount: '302-1234-5678-10', state: 'suspended' },
  { name: '조현우', phone: '010-9000-0011', birthDate: '1978-10-10', rrnTail: '1765432', vehicleType: 'labo', bankName: '국민은행', bankAccount: '234502-04-111111', state: 'withdrawn' },
  { name: '배수아', phone: '010-9000-0012', birthDate: '1999-06-21', rrnTail: '2654321', vehicleType: 'motorcycle', bankName: '신한은행', bankAccount: '110-555-666612', state: 'rejected' },
];

export function demoRrn(m: DemoMember): string {
  return `${m.birthDate.slice(2, 4)}${m.birthDate.slice(5, 7)}${m.birthDate.slice(8, 10)}-${m.rrnTail}`;
}
