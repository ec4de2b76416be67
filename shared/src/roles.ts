/**
 * Roles of a user within one tenant (municipality), and what each may do. One table read
 * by the API (every route names the permission it needs) and by the dashboard (what to
 * show); the authorisation matrix test walks it.
 */
export const ROLES = ['viewer', 'crisis', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Trends, themes, narratives, alerts, guidance. */
  read: ['viewer', 'crisis', 'analyst', 'admin'],
  /** Logging a response on a narrative (communications officers). */
  'narratives.respond': ['viewer', 'crisis', 'analyst', 'admin'],
  /** Renaming, pinning, dismissing, merging and splitting narratives. */
  'narratives.curate': ['analyst', 'admin'],
  /** The crisis board: incidents and briefings. */
  'incidents.read': ['crisis', 'admin'],
  'incidents.write': ['crisis', 'admin'],
  /** Deleting a closed incident (retention of staff notes). */
  'incidents.delete': ['admin'],
  /** Topic summaries as CSV, JSON, NDJSON. */
  export: ['analyst', 'admin'],
  /** Personal API tokens (for exports through the API). */
  tokens: ['analyst', 'admin'],
  'settings.read': ['admin'],
  'settings.write': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * What an API token may do, chosen when it is made: `export` (topic summaries only, the
 * default) or `read` (also the trend views: overview, timeline, themes, alerts,
 * narratives). Whatever its owner's role, a token never reaches users, the audit log,
 * settings, incidents or other tokens, and never changes anything.
 */
export const TOKEN_SCOPES = ['export', 'read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
const TOKEN_SCOPE_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  export: ['export'],
  read: ['read', 'export'],
};

export function tokenMay(scope: TokenScope, permission: Permission): boolean {
  return TOKEN_SCOPE_PERMISSIONS[scope].includes(permission);
}
