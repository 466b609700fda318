import { useMutation, useQuery } from "@apollo/client/react";
import { ASSESSMENT_ITEMS_MAX, SwotKind, assessmentDescriptionProblem, assessmentTagsProblem, tagsFromText } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { graphql } from "../../gql";
import type { OwnAssessmentQuery } from "../../gql/graphql";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";

const OwnAssessment = graphql(`
  query OwnAssessment {
    viewer {
      id
      organization {
        id
        assessment {
          updatedAt
          updatedBy {
            id
            name
          }
          items {
            kind
            description
            capabilities
            industries
          }
        }
      }
    }
  }
`);

const SaveAssessment = graphql(`
  mutation SaveAssessment($input: SaveAssessmentInput!) {
    saveAssessment(input: $input) {
      updatedAt
    }
  }
`);

type Item = NonNullable<NonNullable<OwnAssessmentQuery["viewer"]>["organization"]["assessment"]>["items"][number];

const quadrants: readonly { kind: SwotKind; title: string; one: string; hint: string }[] = [
  { kind: SwotKind.STRENGTH, title: "Strengths", one: "strength", hint: "What you are good at: partners find you by these." },
  { kind: SwotKind.WEAKNESS, title: "Weaknesses", one: "weakness", hint: "Where you need a partner: the directory matches these." },
  { kind: SwotKind.OPPORTUNITY, title: "Opportunities", one: "opportunity", hint: "Markets or needs you could win with a partner." },
  { kind: SwotKind.THREAT, title: "Threats", one: "threat", hint: "What could cost you deals." },
];

/** An item being edited: tags as typed (comma-separated), and a key that survives reordering. */
interface DraftItem {
  readonly key: number;
  readonly kind: SwotKind;
  readonly description: string;
  readonly capabilities: string;
  readonly industries: string;
}

type Problems = Partial<Record<"description" | "capabilities" | "industries", string>>;

/** What is wrong with each draft item (by key); empty when it can be sent. */
export function draftProblems(items: readonly DraftItem[]): Map<number, Problems> {
  const problems = new Map<number, Problems>();
  for (const item of items) {
    const found: Problems = {};
    const description = assessmentDescriptionProblem(item.description);
    const capabilities = assessmentTagsProblem(tagsFromText(item.capabilities));
    const industries = assessmentTagsProblem(tagsFromText(item.industries));
    if (description) found.description = description;
    if (capabilities) found.capabilities = capabilities;
    if (industries) found.industries = industries;
    if (Object.keys(found).length > 0) problems.set(item.key, found);
  }
  return problems;
}

let nextKey = 1;
const toDraft = (item: Item): DraftItem => ({
  key: nextKey++,
  kind: item.kind,
  description: item.description,
  capabilities: item.capabilities.join(", "),
  industries: item.industries.join(", "),
});

/**
 * The organization's self-assessment (SWOT) on the Partners page: everyone in the firm reads it;
 * managers and admins edit it (the server refuses anyone else). Saving replaces the whole SWOT,
 * and the directory, which matches the firm's weaknesses, is searched again.
 */
export function AssessmentEditor({ canEdit }: { canEdit: boolean }) {
  const { data, loading, error, refetch } = useQuery(OwnAssessment, { fetchPolicy: "cache-and-network" });
  const [draft, setDraft] = useState<DraftItem[] | null>(null);
  const assessment = data?.viewer?.organization.assessment ?? null;
  const items = assessment?.items ?? [];

  return (
    <section className="card swot" aria-labelledby="swot-heading">
      <div className="section-head">
        <h2 id="swot-heading">Your self-assessment (SWOT)</h2>
        {canEdit && !draft && data && (
          <button type="button" className="button-secondary button-small" onClick={() => setDraft(items.map(toDraft))}>
            Edit
          </button>
        )}
      </div>
      <LoadState what="the assessment" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {data && !draft && (
        <>
          <p className="muted">
            {assessment
              ? `Last saved ${new Date(assessment.updatedAt).toLocaleDateString()}${assessment.updatedBy ? ` by ${assessment.updatedBy.name}` : ""}.`
              : "No assessment yet."}{" "}
            {canEdit ? "Partners see your strengths; the rest stays within your firm." : "Managers and admins edit it."}
          </p>
          <div className="swot-grid">
            {quadrants.map((quadrant) => (
              <Quadrant key={quadrant.kind} title={quadrant.title} items={items.filter((item) => item.kind === quadrant.kind)} />
            ))}
          </div>
        </>
      )}
      {draft && <EditForm initial={draft} onDone={() => setDraft(null)} />}
    </section>
  );
}

function Quadrant({ title, items }: { title: string; items: readonly Item[] }) {
  return (
    <section className="swot-quadrant" aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul>
          {items.map((item, i) => (
            <li key={i}>
              {item.description}
              {[...item.capabilities, ...item.industries].length > 0 && (
                <ul className="tag-list" aria-label="Tags">
                  {[...item.capabilities, ...item.industries].map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EditForm({ initial, onDone }: { initial: DraftItem[]; onDone: () => void }) {
  const [items, setItems] = useState(initial);
  const [showProblems, setShowProblems] = useState(false);
  const [save, { loading, error }] = useMutation(SaveAssessment, {
    refetchQueries: ["OwnAssessment", "PartnerDirectory"],
    awaitRefetchQueries: true,
  });
  const problems = draftProblems(items);
  const shown = showProblems ? problems : new Map<number, Problems>();

  const update = (key: number, change: Partial<DraftItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problems.size > 0) {
      setShowProblems(true);
      return;
    }
    try {
      await save({
        variables: {
          input: {
            items: items.map((item) => ({
              kind: item.kind,
              description: item.description.trim(),
              capabilities: tagsFromText(item.capabilities),
              industries: tagsFromText(item.industries),
            })),
          },
        },
      });
      onDone();
    } catch {
      // Shown below; the draft stays.
    }
  }

  return (
    <form className="swot-form" onSubmit={(event) => void submit(event)} aria-label="Edit the self-assessment" noValidate>
      {quadrants.map((quadrant) => {
        const mine = items.filter((item) => item.kind === quadrant.kind);
        return (
          <fieldset key={quadrant.kind} className="swot-quadrant">
            <legend>{quadrant.title}</legend>
            <p className="muted field-hint">{quadrant.hint}</p>
            {mine.map((item, i) => (
              <DraftItemFields
                key={item.key}
                item={item}
                label={`${quadrant.one[0]!.toUpperCase()}${quadrant.one.slice(1)} ${i + 1}`}
                problems={shown.get(item.key) ?? {}}
                onChange={(change) => update(item.key, change)}
                onRemove={() => setItems((current) => current.filter((other) => other.key !== item.key))}
              />
            ))}
            <button
              type="button"
              className="button-secondary button-small"
              disabled={items.length >= ASSESSMENT_ITEMS_MAX}
              onClick={() =>
                setItems((current) => [
                  ...current,
                  { key: nextKey++, kind: quadrant.kind, description: "", capabilities: "", industries: "" },
                ])
              }
            >
              Add a {quadrant.one}
            </button>
          </fieldset>
        );
      })}
      <FormError error={shown.size > 0 ? "Some items need a fix: see the messages above." : null} />
      <FormError error={error} prefix="Not saved." />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading}>
          {loading ? "Saving…" : "Save assessment"}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const tagFields = [
  { name: "capabilities", label: "Capabilities", example: "e.g. packaging-design, die-cutting" },
  { name: "industries", label: "Industries", example: "e.g. retail, food" },
] as const;

function DraftItemFields(props: {
  item: DraftItem;
  label: string;
  problems: Problems;
  onChange: (change: Partial<DraftItem>) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const field = (name: keyof Problems) => ({
    id: `${id}-${name}`,
    "aria-invalid": props.problems[name] ? true : undefined,
    "aria-describedby": props.problems[name] ? `${id}-${name}-problem` : undefined,
  });
  const problem = (name: keyof Problems) =>
    props.problems[name] && (
      <p id={`${id}-${name}-problem`} className="field-problem">
        {props.problems[name]}
      </p>
    );

  return (
    <div className="swot-item" role="group" aria-label={props.label}>
      <div className="field">
        <label htmlFor={`${id}-description`}>{props.label}</label>
        <textarea
          {...field("description")}
          rows={2}
          value={props.item.description}
          onChange={(e) => props.onChange({ description: e.target.value })}
        />
        {problem("description")}
      </div>
      <div className="field-row">
        {tagFields.map(({ name, label, example }) => (
          <div className="field" key={name}>
            <label htmlFor={`${id}-${name}`}>{label}</label>
            <input
              {...field(name)}
              placeholder={example}
              value={props.item[name]}
              onChange={(e) => props.onChange({ [name]: e.target.value })}
            />
            {problem(name)}
          </div>
        ))}
      </div>
      <button type="button" className="button-link" onClick={props.onRemove}>
        Remove {props.label.toLowerCase()}
      </button>
    </div>
  );
}
