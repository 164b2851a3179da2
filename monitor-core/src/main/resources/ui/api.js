// The service's API as the console uses it. The token the user typed is kept in sessionStorage
// (gone when the tab closes) and sent as `Authorization: Bearer <token>` on every call.

const TOKEN_KEY = 'cscmon.token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, e.message);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): reported with its status below.
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error || json?.message || text.slice(0, 200));
  }
  return json;
}

/** The firing alerts (and resolved ones with `all`), each {alert, silencedBy, ack}. */
export const consoleAlerts = () => call('GET', '/api/v1/console/alerts').then((r) => r.data);
export const history = (fp) =>
  call('GET', `/api/v1/alerts/${encodeURIComponent(fp)}/history`).then((r) => r.data);
/** The emergency activations, the most recently opened first, each with its whole timeline. */
export const emergencies = () => call('GET', '/api/v1/emergencies').then((r) => r.data);
/** Moves an activation along its lifecycle; a move the lifecycle refuses is an ApiError 409. */
export const moveEmergency = (id, body) =>
  call('POST', `/api/v1/emergencies/${encodeURIComponent(id)}/state`, body).then((r) => r.data);
export const silences = () => call('GET', '/api/v1/silences').then((r) => r.data);
export const saveSilence = (s) => call('POST', '/api/v1/silences', s).then((r) => r.data);
export const expireSilence = (id) =>
  call('DELETE', `/api/v1/silences/${encodeURIComponent(id)}`).then((r) => r.data);
export const ack = (fp, by, comment) =>
  call('POST', `/api/v1/alerts/${encodeURIComponent(fp)}/ack`, { by, comment }).then((r) => r.data);

/** `{name, role}` of the token, or null when the service has no tokens (no whoami endpoint). */
export async function whoami() {
  try {
    return await call('GET', '/api/v1/whoami');
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}
