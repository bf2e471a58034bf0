// Talking to the Jembatan API: JSON in and out, problem+json errors as ApiError, the session's
// CSRF token on every write, the PIN and the Idempotency-Key when given.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly field?: string,
    readonly retryAfter?: number, // seconds, from a 429's Retry-After
  ) {
    super(detail || `HTTP ${status}`);
  }
  // 'forbidden', 'not-found', ... (the stable suffix of the problem type).
  get kind(): string {
    return this.type.split('/').pop() ?? '';
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function hasCsrfToken(): boolean {
  return csrfToken !== '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  pin?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function parseError(res: Response): Promise<ApiError> {
  let type = '';
  let detail = res.statusText;
  let field: string | undefined;
  try {
    const p = await res.json();
    type = typeof p.type === 'string' ? p.type : '';
    detail = typeof p.detail === 'string' ? p.detail : detail;
    field = typeof p.field === 'string' ? p.field : undefined;
  } catch {
    // not JSON: keep the status text
  }
  const wait = Number(res.headers.get('Retry-After') ?? '');
  return new ApiError(res.status, type, detail, field, Number.isFinite(wait) && wait > 0 ? wait : undefined);
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.pin) headers['X-Case-Pin'] = opts.pin;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  const res = await fetch(path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: 'same-origin',
    signal: opts.signal,
  });
  if (!res.ok) throw await parseError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

// Adds a photo to a case: the raw image bytes, with the PIN (a resident) or the session (staff,
// the member who forwarded it). Throws ApiError as api() does.
export async function uploadPhoto(code: string, photo: Blob, pin?: string): Promise<void> {
  const headers: Record<string, string> = { 'Content-Type': photo.type || 'image/jpeg' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (pin) headers['X-Case-Pin'] = pin;
  const res = await fetch(`/api/v1/cases/${encodeURIComponent(code)}/photos`, {
    method: 'POST', body: photo, headers, credentials: 'same-origin',
  });
  if (!res.ok) throw await parseError(res);
}

// A CSV file for the registry's import (all or nothing): the server's answer, or ApiError with
// every bad line in `lines` when it refuses the file.
export interface CsvImport { created: number; updated: number; unchanged: number }
export class CsvRefused extends ApiError {
  constructor(status: number, type: string, detail: string, readonly lines: { line: number; message: string }[]) {
    super(status, type, detail);
  }
}
export async function uploadCsv(table: string, text: string): Promise<CsvImport> {
  const headers: Record<string, string> = { 'Content-Type': 'text/csv', Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(`/api/v1/imports/registry/${encodeURIComponent(table)}`, {
    method: 'POST', body: text, headers, credentials: 'same-origin',
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const lines = Array.isArray(body.errors) ? body.errors : [];
    throw new CsvRefused(res.status, String(body.type ?? ''), String(body.detail ?? res.statusText), lines);
  }
  return body as CsvImport;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// A case as this caller may see it, and its timeline (the follow page and the staff case page).
// With the PIN the reporter sees their own case in full.
export async function fetchCaseWithEvents(code: string, pin?: string): Promise<[Case, CaseEvent[]]> {
  const path = `/api/v1/cases/${encodeURIComponent(code)}`;
  const [c, e] = await Promise.all([api<Case>(path, { pin }), api<{ events: CaseEvent[] }>(`${path}/events`, { pin })]);
  return [c, e.events];
}

// A photo the caller may see only with the PIN: an <img> cannot send the header, so the bytes
// are fetched and shown from an object URL (the caller revokes it).
export async function fetchPhotoUrl(url: string, pin?: string): Promise<string> {
  const res = await fetch(url, { headers: pin ? { 'X-Case-Pin': pin } : {}, credentials: 'same-origin' });
  if (!res.ok) throw await parseError(res);
  return URL.createObjectURL(await res.blob());
}

// What the API answers (the fields the pages use).
export interface UnitRef { code: string; name: string; level: string }
export interface Unit extends UnitRef {
  parent: string | null;
  parent_name?: string;
  live?: boolean;
  merged_into?: string | null;
  location?: { lat: number; lon: number };
}
export interface Category {
  code: string;
  names: { id: string; vi: string; en: string };
  handling_level: string;
}
export interface Contact { name: string; phone: string }
export interface Case {
  code: string;
  status: string;
  category: string;
  category_name: string;
  unit: UnitRef;
  assigned_unit: UnitRef;
  title: string;
  body?: string;
  location: { lat: number; lon: number } | null;
  channel: string;
  visibility: string;
  beyond_level: boolean;
  created_at: string;
  due: { acknowledge: string; resolve: string; warning: string };
  overdue: boolean;
  answer: string;
  reject_reason: string;
  merged_into: string | null;
  reopen_count: number;
  reporter?: Contact | null;
  on_behalf_of?: Contact | null;
  // What this caller sees (docs/domain.md): public, reporter, observer or handler.
  access: 'public' | 'reporter' | 'observer' | 'handler';
  allowed_actions?: string[];
  media?: { id: number; status: string; url: string; content_type: string }[];
  pin?: string;
}
// `update` is the public update; `note` the internal note, empty unless the caller is staff in scope.
export interface CaseEvent { id: number; at: string; kind: string; actor: string; update: string; note: string }
export interface CaseList { cases: Case[]; next_cursor: string | null }
export interface Summary {
  unit: string;
  received: number;
  resolved: number;
  on_time_rate: number | null;
  median_working_days_to_resolve: number | null;
  overdue_now: number;
  beyond_level: number;
  reopened: number;
  confirmed: number;
  disputed: number;
  satisfaction: number | null;
  by_category: Record<string, number>;
  unit_info?: Unit;
}
export interface SessionInfo {
  user: { name: string; role: string; unit: Unit };
  csrf_token: string;
  expires_at: string;
}
