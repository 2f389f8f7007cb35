/** The collaborative document of a season (docs/design.md §5); its name says whose it is. */
export function seasonDocumentName(orgId: string, seasonId: string): string {
  return `org:${orgId}:season:${seasonId}`;
}

export function parseSeasonDocumentName(name: string): { orgId: string; seasonId: string } | undefined {
  const match = /^org:([0-9a-f-]{36}):season:([0-9a-f-]{36})$/.exec(name);
  return match ? { orgId: match[1], seasonId: match[2] } : undefined;
}
