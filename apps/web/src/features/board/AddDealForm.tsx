import { useMutation, useQuery } from "@apollo/client/react";
import { cleanDomain } from "@cosell/schema";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { stageLabel } from "../../format";
import { graphql } from "../../gql";
import type { DealStage } from "../../gql/graphql";
import { accountNameError, closeDateError, dealTitleError, domainError, moneyErrors } from "../shared/dealRules";
import { newIdempotencyKey } from "../room/Composer";
import { FormError } from "../shared/FormError";
import { ValidatedField } from "../shared/ValidatedField";

/** The caller's organization's customer accounts, to open a deal on. */
export const DealAccounts = graphql(`
  query DealAccounts {
    accounts {
      id
      name
      domain
    }
  }
`);

const CreateDealAccount = graphql(`
  mutation CreateDealAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      id
      name
      domain
    }
  }
`);

const CreateDeal = graphql(`
  mutation CreateDeal($input: CreateOpportunityInput!) {
    createOpportunity(input: $input) {
      id
      title
      stage
      version
    }
  }
`);

/** The account select's value for "a new account, typed below". */
const NEW_ACCOUNT = "new";

interface DealDraft {
  accountId: string;
  accountName: string;
  accountDomain: string;
  title: string;
  amount: string;
  currency: string;
  closeDate: string;
}

type DraftErrors = Partial<Record<keyof DealDraft, string | null>>;

/** Every rule of @cosell/schema the draft breaks, per field; empty when it may be sent. */
export function dealDraftErrors(draft: DealDraft): DraftErrors {
  const newAccount = draft.accountId === NEW_ACCOUNT;
  const money = moneyErrors(draft.amount, draft.currency);
  const errors: DraftErrors = {
    accountName: newAccount ? accountNameError(draft.accountName) : null,
    accountDomain: newAccount ? domainError(draft.accountDomain) : null,
    accountId: draft.accountId === "" ? "Choose an account." : null,
    title: dealTitleError(draft.title),
    amount: money.amount,
    currency: money.currency,
    closeDate: closeDateError(draft.closeDate),
  };
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as DraftErrors;
}

/**
 * "+ Add deal" on a board column: opens the form in the column and gives focus back to the button
 * when it closes (saved or cancelled).
 */
export function AddDeal({ stage }: { stage: DealStage }) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <div className="add-deal">
      {open ? (
        <AddDealForm
          stage={stage}
          onCancel={() => setOpen(false)}
          onCreated={(title) => {
            setAdded(`Added “${title}” to ${stageLabel(stage)}.`);
            setOpen(false);
          }}
        />
      ) : (
        <button
          ref={button}
          type="button"
          className="button-link add-deal-button"
          aria-label={`Add a deal to ${stageLabel(stage)}`}
          onClick={() => {
            setAdded(null);
            setOpen(true);
          }}
        >
          + Add deal
        </button>
      )}
      <p className="visually-hidden" role="status">
        {added}
      </p>
    </div>
  );
}

/**
 * A new deal in `stage`: on one of the caller's accounts or on one created here, with title,
 * amount and currency and an optional close date. Checked against the API's rules before sending,
 * with the message next to the field; the board reloads when it is saved.
 */
export function AddDealForm(props: { stage: DealStage; onCancel: () => void; onCreated: (title: string) => void }) {
  const { stage } = props;
  const form = useRef<HTMLFormElement>(null);
  // Each refused try takes the person to the first field that needs them, once it shows its message.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [refusals]);
  const accounts = useQuery(DealAccounts);
  const list = accounts.data?.accounts ?? [];
  const [draft, setDraft] = useState<DealDraft>({
    accountId: "",
    accountName: "",
    accountDomain: "",
    title: "",
    amount: "",
    currency: "USD",
    closeDate: "",
  });
  const [errors, setErrors] = useState<DraftErrors>({});
  // A retry of the same draft (say after the connection dropped) sends the same key, so the
  // server creates the account and the deal once; any change to the draft makes it a new request.
  const requestKey = useRef<string | null>(null);
  const [createAccount, accountCall] = useMutation(CreateDealAccount, { refetchQueries: [{ query: DealAccounts }] });
  const [createDeal, dealCall] = useMutation(CreateDeal, { refetchQueries: ["Board"], awaitRefetchQueries: true });
  const accountId = draft.accountId || (accounts.data ? (list[0]?.id ?? NEW_ACCOUNT) : "");
  const current = { ...draft, accountId };
  const set = (key: keyof DealDraft) => (event: { target: { value: string } }) => {
    requestKey.current = null;
    setDraft({ ...current, [key]: event.target.value });
    // A corrected field loses its message at once; the others keep theirs until the next try.
    if (errors[key]) setErrors({ ...errors, [key]: null });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = dealDraftErrors(current);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setRefusals((n) => n + 1);
      return;
    }
    const idempotencyKey = (requestKey.current ??= newIdempotencyKey());
    try {
      let onAccount = current.accountId;
      if (onAccount === NEW_ACCOUNT) {
        const domain = current.accountDomain.trim();
        const created = await createAccount({
          variables: { input: { name: current.accountName.trim(), ...(domain ? { domain } : {}), idempotencyKey } },
        });
        onAccount = created.data!.createAccount.id;
        // A retry after the deal fails uses this account instead of creating another.
        setDraft({ ...current, accountId: onAccount });
      }
      await createDeal({
        variables: {
          input: {
            accountId: onAccount,
            title: current.title.trim(),
            amount: { amount: current.amount.trim(), currency: current.currency.trim().toUpperCase() },
            stage,
            ...(current.closeDate ? { closeDate: current.closeDate } : {}),
            idempotencyKey,
          },
        },
      });
      props.onCreated(current.title.trim());
    } catch {
      // Shown below; the form keeps what was typed.
    }
  }

  const newAccount = current.accountId === NEW_ACCOUNT;
  const cleaned = cleanDomain(current.accountDomain);
  const busy = accountCall.loading || dealCall.loading;
  return (
    <form
      ref={form}
      className="stack-form add-deal-form card"
      noValidate
      aria-label={`Add a deal to ${stageLabel(stage)}`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onCancel();
      }}
    >
      <ValidatedField label="Account" error={errors.accountId}>
        {(control) => (
          <select {...control} value={current.accountId} onChange={set("accountId")} disabled={!accounts.data} autoFocus>
            {!accounts.data && <option value="">Loading accounts…</option>}
            {list.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
            <option value={NEW_ACCOUNT}>New account…</option>
          </select>
        )}
      </ValidatedField>
      {newAccount && (
        <>
          <ValidatedField label="Account name" error={errors.accountName}>
            {(control) => <input {...control} value={current.accountName} onChange={set("accountName")} autoComplete="organization" />}
          </ValidatedField>
          <ValidatedField
            label="Web domain (optional)"
            error={errors.accountDomain}
            hint={cleaned && cleaned !== current.accountDomain.trim() && !domainError(current.accountDomain) ? `Saved as ${cleaned}` : null}
          >
            {(control) => <input {...control} value={current.accountDomain} onChange={set("accountDomain")} placeholder="example.com" />}
          </ValidatedField>
        </>
      )}
      <ValidatedField label="Title" error={errors.title}>
        {(control) => <input {...control} value={current.title} onChange={set("title")} />}
      </ValidatedField>
      <div className="money-fields">
        <ValidatedField label="Amount" error={errors.amount} className="money-amount">
          {(control) => <input {...control} value={current.amount} onChange={set("amount")} inputMode="decimal" placeholder="12500.00" />}
        </ValidatedField>
        <ValidatedField label="Currency" error={errors.currency} className="money-currency">
          {(control) => <input {...control} value={current.currency} onChange={set("currency")} autoCapitalize="characters" size={4} />}
        </ValidatedField>
      </div>
      <ValidatedField label="Close date (optional)" error={errors.closeDate}>
        {(control) => <input {...control} type="date" value={current.closeDate} onChange={set("closeDate")} />}
      </ValidatedField>
      <FormError error={accountCall.error ?? dealCall.error} prefix="Not saved:" />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={busy}>
          {busy ? "Adding…" : "Add deal"}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
