import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { inSecretNamespace, secretNamespaceMessage } from '../sources';
import { ConfigError, processEnv } from './config';

/**
 * Secrets a tenant's configuration names (source tokens, notification URLs and keys).
 * A tenant admin writes those names, so a name is honoured only inside the tenant's own
 * namespace (`TW_<TENANT>_…`): checked when the configuration is saved, and again here at
 * read time, so a stored or hand-edited configuration cannot reach the seal key,
 * REDIS_URL, the webhook secrets or another tenant's tokens either.
 *
 * Values come from the tenant's section of the secrets file (`TRENDWACHT_SECRETS_FILE`,
 * JSON `{"<tenant>": {"TW_<TENANT>_NAME": "value"}}`) first, then from the environment.
 */
export class SecretRefusedError extends Error {
  override name = 'SecretRefusedError';
  readonly code = 'secret_refused';
  constructor(
    readonly tenant: string,
    readonly ref: string,
  ) {
    super(`${ref}: ${secretNamespaceMessage(tenant)}`);
  }
}

/** A tenant's secret by the name its configuration gives; refuses names outside its namespace. */
export function readTenantSecret(
  tenant: string,
  name: string,
  env: NodeJS.ProcessEnv = processEnv(),
): string | undefined {
  if (!inSecretNamespace(tenant, name)) throw new SecretRefusedError(tenant, name);
  const fromFile = secretsFileSection(env.TRENDWACHT_SECRETS_FILE, tenant)[name];
  return fromFile || env[name] || undefined;
}

/** A lookup bound to one tenant (what connectors and notifiers get). */
export const tenantSecretLookup =
  (tenant: string, env: NodeJS.ProcessEnv = processEnv()) =>
  (name: string) =>
    readTenantSecret(tenant, name, env);

/**
 * One tenant's section of the secrets file. Read on each lookup (a rotated secret is
 * picked up without a restart; lookups happen when a source starts or a message is sent).
 * The file must not be readable by group or others, and a section may only hold its
 * tenant's names: a mistake there would hand one tenant another's secret.
 */
export function secretsFileSection(path: string | undefined, tenant: string): Record<string, string> {
  if (!path) return {};
  let text: string;
  try {
    if ((statSync(path).mode & 0o077) !== 0) {
      throw new ConfigError(`TRENDWACHT_SECRETS_FILE ${path} is readable by others: chmod 600 it`);
    }
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`TRENDWACHT_SECRETS_FILE ${path} cannot be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`TRENDWACHT_SECRETS_FILE ${path} is not valid JSON`); // never echo the text
  }
  const section = (json as Record<string, unknown> | null)?.[tenant];
  if (section === undefined) return {};
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new ConfigError(`TRENDWACHT_SECRETS_FILE: ${tenant} must be an object of NAME: "value"`);
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(section)) {
    if (!inSecretNamespace(tenant, name)) {
      throw new ConfigError(`TRENDWACHT_SECRETS_FILE: ${tenant}.${name}: ${secretNamespaceMessage(tenant)}`);
    }
    if (typeof value !== 'string') throw new ConfigError(`TRENDWACHT_SECRETS_FILE: ${tenant}.${name} must be a string`);
    out[name] = value;
  }
  return out;
}

/**
 * The seal key kept in a file (`start` keeps it in its data folder): created once with
 * mode 0600, so batches still queued when the stack stops are unsealed after the next
 * start. A file that others may read is refused rather than used: with it, anyone on
 * the host could read every tenant's queued posts.
 */
export function persistentSealKey(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600); // exclusive: two starts never write different keys
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readSealKeyFile(path);
  }
  try {
    writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600); // openSync's mode is filtered by the umask; be exact
  return readSealKeyFile(path);
}

function readSealKeyFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const { mode } = fstatSync(fd);
    if ((mode & 0o077) !== 0) {
      throw new ConfigError(
        `seal key file ${path} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it`,
      );
    }
    const hex = readFileSync(fd, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new ConfigError(`seal key file ${path} does not hold a 32-byte hex key`);
    return Buffer.from(hex, 'hex');
  } finally {
    closeSync(fd);
  }
}
