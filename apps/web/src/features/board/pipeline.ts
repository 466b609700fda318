export interface OrganizationRef {
  readonly id: string;
  readonly name: string;
}

/**
 * The partner organizations working a deal: the organizations of its room members other than the
 * owner organization, each once, by name.
 */
export function partnerOrganizations(deal: {
  readonly organization: { readonly id: string };
  readonly members: readonly { readonly user: { readonly organization: OrganizationRef } }[];
}): OrganizationRef[] {
  const partners = new Map<string, OrganizationRef>();
  for (const { user } of deal.members) {
    const { id, name } = user.organization;
    if (id !== deal.organization.id) partners.set(id, { id, name });
  }
  return [...partners.values()].sort((a, b) => a.name.localeCompare(b.name));
}
