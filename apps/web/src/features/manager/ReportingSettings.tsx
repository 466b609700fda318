import { useMutation, useQuery } from "@apollo/client/react";
import { CURRENCY_PATTERN, RATE_MESSAGE, rateProblem } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { stageLabel } from "../../format";
import { graphql } from "../../gql";
import type { DealStage, ReportingSettingsQuery } from "../../gql/graphql";
import { FormError } from "../shared/FormError";

const ReportingSettingsDocument = graphql(`
  query ReportingSettings {
    viewer {
      id
      role
      organization {
        id
        reportingCurrency
      }
    }
    stageWeights {
      stage
      percent
      custom
    }
    exchangeRates {
      fromCurrency
      toCurrency
      rate
      validFrom
    }
  }
`);

const SetReportingCurrency = graphql(`
  mutation SetReportingCurrency($input: SetReportingCurrencyInput!) {
    setReportingCurrency(input: $input) {
      id
      reportingCurrency
    }
  }
`);

const SetStageWeights = graphql(`
  mutation SetStageWeights($input: SetStageWeightsInput!) {
    setStageWeights(input: $input) {
      stage
      percent
      custom
    }
  }
`);

const SetExchangeRate = graphql(`
  mutation SetExchangeRate($input: SetExchangeRateInput!) {
    setExchangeRate(input: $input) {
      fromCurrency
      toCurrency
      rate
      validFrom
    }
  }
`);

/** After a change of settings, the figures are recomputed with it. */
const refetchQueries = ["ReportingSettings", "PipelineFigures", "PartnerPerformance"];

type Settings = ReportingSettingsQuery;

/**
 * The settings behind the figures: the reporting currency and stage weights (managers and admins
 * change them) and the table of exchange rates (admins add rates). Everyone else reads them.
 */
export function ReportingSettings() {
  const { data } = useQuery(ReportingSettingsDocument);
  if (!data?.viewer) return null;
  const role = data.viewer.role;
  const manager = role === "MANAGER" || role === "ADMIN";
  return (
    <section className="card reporting-settings" aria-labelledby="reporting-settings-heading">
      <h2 id="reporting-settings-heading">Reporting settings</h2>
      <CurrencyForm currency={data.viewer.organization.reportingCurrency} editable={manager} />
      <WeightsForm weights={data.stageWeights} editable={manager} />
      <Rates settings={data} editable={role === "ADMIN"} />
    </section>
  );
}

function CurrencyForm({ currency, editable }: { currency: string; editable: boolean }) {
  const id = useId();
  const [value, setValue] = useState(currency);
  const [save, { loading, error }] = useMutation(SetReportingCurrency, { refetchQueries, awaitRefetchQueries: true });
  if (!editable) return <p>Figures are reported in {currency}.</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ variables: { input: { currency: value.trim().toUpperCase() } } }).catch(() => undefined);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>Reporting currency</label>{" "}
      <input id={id} value={value} onChange={(event) => setValue(event.target.value)} size={4} maxLength={3} required />{" "}
      <button type="submit" className="button-secondary" disabled={loading || value.trim().toUpperCase() === currency}>
        Save currency
      </button>
      <FormError error={error} />
    </form>
  );
}

function WeightsForm({ weights, editable }: { weights: Settings["stageWeights"]; editable: boolean }) {
  const open = weights.filter((w) => w.stage !== "CLOSED_WON" && w.stage !== "CLOSED_LOST");
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(open.map((w) => [w.stage, String(w.percent)])));
  const [save, { loading, error }] = useMutation(SetStageWeights, { refetchQueries, awaitRefetchQueries: true });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = open.map((w) => ({ stage: w.stage as DealStage, percent: Number(values[w.stage]) }));
    void save({ variables: { input: { weights: input } } }).catch(() => undefined);
  };
  return (
    <form onSubmit={submit} aria-label="Stage weights">
      <fieldset disabled={!editable || loading}>
        <legend>Stage weights (% of each stage counted in the weighted pipeline)</legend>
        {open.map((w) => (
          <label key={w.stage} className="weight-field">
            {stageLabel(w.stage)}{" "}
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              value={values[w.stage] ?? ""}
              onChange={(event) => setValues((current) => ({ ...current, [w.stage]: event.target.value }))}
              disabled={!editable}
              required
            />
            %
          </label>
        ))}
        {editable && (
          <button type="submit" className="button-secondary">
            Save weights
          </button>
        )}
      </fieldset>
      <FormError error={error} />
    </form>
  );
}

function Rates({ settings, editable }: { settings: Settings; editable: boolean }) {
  const currency = settings.viewer!.organization.reportingCurrency;
  const [from, setFrom] = useState("");
  const [rate, setRate] = useState("");
  const [validFrom, setValidFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const [problem, setProblem] = useState<string | null>(null);
  const [save, { loading, error }] = useMutation(SetExchangeRate, { refetchQueries, awaitRefetchQueries: true });
  const rates = settings.exchangeRates.filter((r) => r.toCurrency === currency);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = from.trim().toUpperCase();
    if (!CURRENCY_PATTERN.test(code)) return setProblem("The currency must be an ISO 4217 code such as EUR.");
    if (rateProblem(rate.trim())) return setProblem(`The rate ${RATE_MESSAGE}.`);
    setProblem(null);
    void save({ variables: { input: { fromCurrency: code, rate: rate.trim(), validFrom } } }).then(
      () => setRate(""),
      () => undefined,
    );
  };
  return (
    <>
      <h3>Exchange rates into {currency}</h3>
      {rates.length === 0 ? (
        <p className="muted">No rates yet: amounts in other currencies are listed apart, never added in.</p>
      ) : (
        <table className="pipeline-table" aria-label="Exchange rates">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Rate</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={`${r.fromCurrency}-${r.validFrom}`}>
                <th scope="row">1 {r.fromCurrency}</th>
                <td>
                  {r.rate} {r.toCurrency}
                </td>
                <td>{r.validFrom}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form className="inline-form" onSubmit={submit} aria-label="Add an exchange rate">
          <label>
            Currency <input value={from} onChange={(event) => setFrom(event.target.value)} size={4} maxLength={3} required />
          </label>{" "}
          <label>
            Rate <input value={rate} onChange={(event) => setRate(event.target.value)} inputMode="decimal" size={10} required />
          </label>{" "}
          <label>
            Valid from <input type="date" value={validFrom} onChange={(event) => setValidFrom(event.target.value)} required />
          </label>{" "}
          <button type="submit" className="button-secondary" disabled={loading}>
            Add rate
          </button>
          <FormError error={problem ?? error} />
        </form>
      )}
    </>
  );
}
