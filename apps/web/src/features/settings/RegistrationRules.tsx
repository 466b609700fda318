import { useMutation, useQuery } from "@apollo/client/react";
import { PROTECTION_DAYS_MAX, PROTECTION_DAYS_MIN, moneyProblem, protectionDaysProblem } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { formatMoney } from "../../format";
import { graphql } from "../../gql";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";

export const RegistrationRulesQuery = graphql(`
  query RegistrationRules {
    viewer {
      id
      organization {
        id
        name
        reportingCurrency
        registrationProtectionDays
      }
    }
    partnerships {
      id
      status
      proposer {
        id
        name
      }
      partner {
        id
        name
      }
    }
    registrationAutoApprovals {
      enabled
      requireNoConflict
      setAt
      maxAmount {
        amount
        currency
      }
      partner {
        id
        name
      }
      owner {
        id
        name
      }
    }
  }
`);

export const SetRegistrationProtectionDays = graphql(`
  mutation SetRegistrationProtectionDays($input: SetRegistrationProtectionDaysInput!) {
    setRegistrationProtectionDays(input: $input) {
      id
      registrationProtectionDays
    }
  }
`);

export const SetRegistrationAutoApproval = graphql(`
  mutation SetRegistrationAutoApproval($input: SetRegistrationAutoApprovalInput!) {
    setRegistrationAutoApproval(input: $input) {
      enabled
      requireNoConflict
      maxAmount {
        amount
        currency
      }
      partner {
        id
        name
      }
    }
  }
`);

/**
 * The rules for deals partners register with the organization: how long an approved registration
 * protects the partner (admins change it), and per partner firm an optional rule that approves small,
 * conflict-free registrations at once (managers and admins).
 */
export function RegistrationRules({ isAdmin }: { isAdmin: boolean }) {
  const { data, loading, error, refetch } = useQuery(RegistrationRulesQuery, { fetchPolicy: "cache-and-network" });
  const org = data?.viewer?.organization;
  const partners = new Map<string, string>();
  for (const partnership of data?.partnerships ?? []) {
    const other = partnership.proposer.id === org?.id ? partnership.partner : partnership.proposer;
    if (partnership.status === "SIGNED") partners.set(other.id, other.name);
  }

  return (
    <section className="card" aria-labelledby="registration-rules-heading">
      <h2 id="registration-rules-heading">Deal registration rules</h2>
      <LoadState what="registration rules" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {org && (
        <>
          <ProtectionWindow days={org.registrationProtectionDays} isAdmin={isAdmin} />
          <h3>Auto-approval per partner firm</h3>
          {data.registrationAutoApprovals.length === 0 ? (
            <p className="muted">No rules: every registration waits for a manager's review.</p>
          ) : (
            <ul className="entity-list" aria-label="Auto-approval rules">
              {data.registrationAutoApprovals.map((rule) => (
                <li key={rule.partner.id} className="entity">
                  <strong>{rule.partner.name}</strong>{" "}
                  {rule.enabled
                    ? `approved at once up to ${formatMoney(rule.maxAmount)}${rule.requireNoConflict ? " when nothing conflicts" : ""}; deals owned by ${rule.owner.name}`
                    : "off: every registration waits for review"}
                </li>
              ))}
            </ul>
          )}
          <AutoApprovalForm partners={[...partners]} currency={org.reportingCurrency} />
        </>
      )}
    </section>
  );
}

function ProtectionWindow({ days, isAdmin }: { days: number; isAdmin: boolean }) {
  const id = useId();
  const [value, setValue] = useState(String(days));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [save, { loading, error }] = useMutation(SetRegistrationProtectionDays);

  if (!isAdmin) {
    return (
      <p>
        An approved registration is protected for <strong>{days} days</strong>, then expires unless its deal has moved on. Admins change
        this.
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const next = Number(value.trim());
    const found = value.trim() === "" ? "is required" : protectionDaysProblem(next);
    setProblem(found ? `The protection window ${found}.` : null);
    if (found) return;
    try {
      await save({ variables: { input: { days: next } } });
      setSaved(true);
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label="Protection window" noValidate>
      <label htmlFor={id}>Protection window (days)</label>
      <input
        id={id}
        type="number"
        min={PROTECTION_DAYS_MIN}
        max={PROTECTION_DAYS_MAX}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setSaved(false);
        }}
      />
      <button type="submit" className="button-secondary button-small" disabled={loading}>
        {loading ? "Saving…" : "Save"}
      </button>
      {saved && <span role="status">Saved: approvals from now on are protected for {value.trim()} days.</span>}
      <FormError error={problem ?? error} />
    </form>
  );
}

function AutoApprovalForm({ partners, currency }: { partners: readonly [string, string][]; currency: string }) {
  const ids = { partner: useId(), amount: useId(), currency: useId(), conflict: useId(), enabled: useId() };
  const [form, setForm] = useState({
    partnerId: partners[0]?.[0] ?? "",
    maxAmount: "",
    currency,
    requireNoConflict: true,
    enabled: true,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [save, { loading, error }] = useMutation(SetRegistrationAutoApproval, {
    refetchQueries: [{ query: RegistrationRulesQuery }],
    awaitRefetchQueries: true,
  });

  if (partners.length === 0) return <p className="muted">Sign a partnership first: rules are set per partner firm.</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const money = { amount: form.maxAmount.trim(), currency: form.currency.trim().toUpperCase() };
    const found = moneyProblem(money);
    setProblem(found ? `The ${found.field === "amount" ? "largest amount" : "currency"} ${found.message}.` : null);
    if (found) return;
    try {
      const result = await save({
        variables: {
          input: {
            partnerOrganizationId: form.partnerId || partners[0]![0],
            maxAmount: money.amount,
            currency: money.currency,
            requireNoConflict: form.requireNoConflict,
            enabled: form.enabled,
          },
        },
      });
      setSaved(`Saved the rule for ${result.data?.setRegistrationAutoApproval.partner.name ?? "the partner"}.`);
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Auto-approval rule">
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.partner}>Partner firm</label>
          <select id={ids.partner} value={form.partnerId} onChange={(event) => setForm({ ...form, partnerId: event.target.value })}>
            {partners.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.amount}>Approve at once up to</label>
          <input
            id={ids.amount}
            inputMode="decimal"
            placeholder="10000.00"
            value={form.maxAmount}
            onChange={(event) => setForm({ ...form, maxAmount: event.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.currency}>Currency</label>
          <input
            id={ids.currency}
            maxLength={3}
            value={form.currency}
            onChange={(event) => setForm({ ...form, currency: event.target.value })}
            required
          />
        </div>
      </div>
      <div className="field-row">
        <label htmlFor={ids.conflict}>
          <input
            id={ids.conflict}
            type="checkbox"
            checked={form.requireNoConflict}
            onChange={(event) => setForm({ ...form, requireNoConflict: event.target.checked })}
          />{" "}
          Only when nothing conflicts (no open deal of yours, no other partner's registration)
        </label>
        <label htmlFor={ids.enabled}>
          <input
            id={ids.enabled}
            type="checkbox"
            checked={form.enabled}
            onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
          />{" "}
          Rule on
        </label>
      </div>
      <FormError error={problem ?? error} />
      {saved && <p role="status">{saved}</p>}
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading}>
          {loading ? "Saving…" : "Save rule"}
        </button>
      </div>
    </form>
  );
}
