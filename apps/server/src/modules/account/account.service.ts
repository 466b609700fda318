import { cleanDomain, normalizeDomain } from "@cosell/schema";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { idempotent } from "../../db/idempotency.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { newId } from "../../ids.js";
import { Account } from "./account.entity.js";
import type { CreateAccountInput } from "./account.inputs.js";

export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** The accounts the viewer's organization owns, by name. */
  list(policy: Policy): Promise<Account[]> {
    return this.dataSource.manager.find(Account, { where: { organizationId: policy.viewer.organizationId }, order: { name: "ASC" } });
  }

  create(policy: Policy, input: CreateAccountInput): Promise<Account> {
    const domain = input.domain?.trim() ? cleanDomain(input.domain) : null;
    const { idempotencyKey, ...payload } = input;
    const request = { viewer: policy.viewer, operation: "createAccount", key: idempotencyKey, payload };
    return idempotent(
      this.uow,
      request,
      async (em) => {
        const account = em.create(Account, {
          id: newId(),
          organizationId: policy.viewer.organizationId,
          name: input.name.trim(),
          domain,
          normalizedDomain: domain ? normalizeDomain(domain) : null,
          createdAt: new Date(),
        });
        await em.insert(Account, account);
        return account;
      },
      (id) => this.dataSource.manager.findOneBy(Account, { id }),
    );
  }
}
