import { randomInt } from 'node:crypto';

/** A birth date and an RRN of valid form that match, for a citizen born 1960–1999. */
export function randomPerson(): { birthDate: string; rrn: string } {
  const year = randomInt(1960, 2000);
  const month = randomInt(1, 13);
  const day = randomInt(1, 29);
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const sex = randomInt(1, 3); // 1 or 2: citizens born in the 1900s
  const serial = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { birthDate: `${year}-${mm}-${dd}`, rrn: `${String(year).slice(2)}${mm}${dd}-${sex}${serial}` };
}

export function randomPhone(): string {
  return `010-${String(randomInt(0, 10_000)).padStart(4, '0')}-${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

export function randomBankAccount(): string {
  return `${randomInt(100, 1000)}-${randomInt(10, 100)}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export interface ApplicationBody {
  name: string;
  phone: string;
  password: string;
  birthDate: string;
  rrn: string;
  vehicleType: string;
  bankName: string;
  bankAccount: string;
  accountHolder: string;
  consents: { privacy: boolean; insurance: boolean };
}

export const COURIER_PASSWORD = 'courier-pass-1234';

/** A valid membership application; override any field. */
export function applicationBody(overrides: Partial<ApplicationBody> = {}): ApplicationBody {
  const person = randomPerson();
  return {
    name: '김테스트',
    phone: randomPhone(),
    password: COURIER_PASSWORD,
    birthDate: person.birthDate,
    rrn: person.rrn,
    vehicleType: 'motorcycle',
    bankName: '대구은행',
    bankAccount: randomBankAccount(),
    accountHolder: '김테스트',
    consents: { privacy: true, insurance: true },
    ...overrides,
  };
}
