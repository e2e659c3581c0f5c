import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * Argon2id, memory-hard, with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane).
 */
@Injectable()
export class PasswordHasher {
  private static readonly options: argon2.HashOptions = {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  };
  /** Verified against when the login is unknown, so timing does not reveal which logins exist. */
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, PasswordHasher.options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const target = hash ?? (await (this.dummyHash ??= argon2.hash('dure-dummy-password', PasswordHasher.options)));
    try {
      const ok = await argon2.verify(target, password);
      return ok && hash !== undefined;
    } catch {
      return false;
    }
  }
}
