import { formatMoney, stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";

export const OpportunityRowFragment = graphql(`
  fragment OpportunityRow on Opportunity {
    id
    title
    stage
    version
    amount {
      amount
      currency
    }
    account {
      id
      name
    }
  }
`);

export interface OpportunityRowProps {
  opportunity: FragmentType<typeof OpportunityRowFragment>;
}

export function OpportunityRow(props: OpportunityRowProps) {
  const opportunity = getFragmentData(OpportunityRowFragment, props.opportunity);

  return (
    <li className="opportunity-row">
      <div className="opportunity-what">
        <span className="opportunity-title">{opportunity.title}</span>
        <span className="opportunity-account">{opportunity.account.name}</span>
      </div>
      <div className="opportunity-where">
        <span className={`stage stage-${opportunity.stage.toLowerCase().replaceAll("_", "-")}`}>
          {stageLabel(opportunity.stage)}
        </span>
        <span className="opportunity-amount">{formatMoney(opportunity.amount)}</span>
      </div>
    </li>
  );
}
