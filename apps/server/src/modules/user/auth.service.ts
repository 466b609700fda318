import type { DataSource } from "typeorm";
import { verifyPassword } from "../../auth/passwords.js";
import { unauthenticated } from "../../errors.js";
import type { LoginAttempt, LoginThrottle } from "../../limits/login-throttle.js";
import type { SessionService } from "../session/session.service.js";
import { User } from "./user.entity.js";

/** A hash to compare against when the email is unknown, so both paths take as long. */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0T9r5u1L7Zq0a7HhtdE6v0P7lWv5Gm0Xz0vO3y3yV3M";

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Checks the password and opens a session, unless the account or address must wait after failed
   * attempts (RATE_LIMITED); a deactivated user is refused like a wrong password.
   */
  async login(
    email: string,
    password: string,
    attempt: Omit<LoginAttempt, "email">,
  ): Promise<{ token: string; expiresAt: Date; user: User }> {
    const user = await this.dataSource.manager
      .createQueryBuilder(User, "u")
      .addSelect("u.passwordHash")
      .where("lower(u.email) = lower(:email)", { email: email.trim() })
      .getOne();
    const signedIn = await this.throttle.attempt({ ...attempt, email }, user?.id ?? null, async () => {
      const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
      if (!user || !ok || !user.active) throw unauthenticated("Wrong email or password");
      return user;
    });
    const { token, expiresAt } = await this.sessions.start(signedIn.id);
    return { token, expiresAt, user: signedIn };
  }
}
