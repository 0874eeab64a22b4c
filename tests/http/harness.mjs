// harness.mjs - shared set-up for the HTTP end-to-end tests.
//
// Each test file calls startServer(): a temporary directory, a demo
// database built with the real CLI, an API token per role, a password for
// one user, and `redress serve` on a free loopback port with an access log.
// srv.request() sends one request and checks the response against the
// OpenAPI description the server itself serves (ajv, JSON Schema 2020-12);
// what the description does not cover yet is collected as a gap and printed
// at the end instead of failing.  finalChecks(srv) adds the last test of a
// file: stop the server, `redress verify`, and the access log.
//
// Every date is deterministic: REDRESS_TODAY is fixed for the CLI and the
// server (Monday 23 November 2026).

import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import test, { after } from 'node:test';

import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default || Ajv2020Module;
const addFormats = addFormatsModule.default || addFormatsModule;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TODAY = '2026-11-23';		// a Monday
export const PASSWORD = 'Correct-Horse-Battery-41';
export const PASSWORD_USER = 'alice';

/* The demo's users (redress demo --homes 500 gives 4 handlers). */
export const ROLE_USER = {
	handler: 'alice',
	complaints_officer: 'olu.officer',
	senior_lead: 'rhian.lead',
	board: 'board.mrc',
	admin: 'admin',
};
export const ROLES = Object.keys(ROLE_USER);
export const USERS = ['alice', 'bilal', 'carys', 'dev', 'olu.officer', 'sam.officer',
	'rhian.lead', 'board.mrc', 'admin'];

/* ---- the route table ------------------------------------------------
 *
 * One line per route of src/http/routes.c: method, pattern, the roles
 * allowed, and a probe that an allowed role can send without changing
 * anything that matters, with the status it must answer.  Path parameters
 * in the probe: REAL_* name records the demo has, NONE_* records that do
 * not exist (so writes answer 404 and store nothing), {self} the caller.
 */
export const PUBLIC = 'public';
const STAFF = ['handler', 'complaints_officer', 'senior_lead'];
const ANY = ['handler', 'complaints_officer', 'senior_lead', 'board', 'admin'];
const ADMIN = ['admin'];
const HANDLER_OFFICER = ['handler', 'complaints_officer'];
const PROBE = { __probe: true };	// an unknown field: every body check refuses it
const NONE_REF = 'CMP-1999-999999';
const NONE_PERSON = 'P-999999';
const NONE_SR = 'SR-1999-999999';
const NONE_REG = 'OMB-1999-999999';	// no register record has this reference
const OFFICER_SENIOR = ['complaints_officer', 'senior_lead'];
const SENIOR_ADMIN = ['senior_lead', 'admin'];

function R(method, pattern, roles, ok, probe = {}) {
	return { method, pattern, roles, ok, ...probe };
}

export const ROUTES = [
	R('GET', '/livez', PUBLIC, 200),
	R('GET', '/healthz', PUBLIC, 200),
	R('GET', '/metrics', PUBLIC, 200),
	R('GET', '/api/v1/openapi.json', PUBLIC, 200),

	R('POST', '/api/v1/session', PUBLIC, 422, { body: PROBE }),
	R('GET', '/api/v1/session', ANY, 200),
	R('DELETE', '/api/v1/session', ANY, 204),

	R('GET', '/api/v1/complaints', STAFF, 200),
	R('POST', '/api/v1/complaints', STAFF, 422, { body: PROBE }),
	R('GET', '/api/v1/complaints/{ref}', STAFF, 200, { params: { ref: 'REAL_REF' } }),
	R('GET', '/api/v1/complaints/{ref}/events', STAFF, 200, { params: { ref: 'REAL_REF' } }),
	R('GET', '/api/v1/complaints/{ref}/correspondence', STAFF, 200, { params: { ref: 'REAL_REF' } }),
	R('GET', '/api/v1/complaints/{ref}/actions', STAFF, 200, { params: { ref: 'REAL_REF' } }),
	R('GET', '/api/v1/complaints/{ref}/remedies', STAFF, 200, { params: { ref: 'REAL_REF' } }),
	R('GET', '/api/v1/complaints/{ref}/letters/{kind}', STAFF, 404, { params: { ref: NONE_REF, kind: 'acknowledgement' } }),
	R('POST', '/api/v1/complaints/{ref}/acknowledge', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/refuse', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/extend', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/respond', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/escalate', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/refuse-escalation', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/close', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/withdraw', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/reopen', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/assign', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/issues', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/correspondence', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/actions', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/actions/{id}/complete', STAFF, 404, { params: { ref: NONE_REF, id: '1' }, body: {} }),
	R('POST', '/api/v1/complaints/{ref}/remedies', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/remedies/{id}/complete', STAFF, 404, { params: { ref: NONE_REF, id: '1' }, body: {} }),
	R('POST', '/api/v1/complaints/{ref}/notes', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/links', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),
	R('POST', '/api/v1/complaints/{ref}/update-schedule', STAFF, 404, { params: { ref: NONE_REF }, body: PROBE }),

	R('GET', '/api/v1/print-queue', STAFF, 200),
	R('POST', '/api/v1/print-queue/{id}/printed', STAFF, 404, { params: { id: 'Q-999999' }, body: {} }),
	R('GET', '/api/v1/letter-templates', [...STAFF, 'admin'], 200),
	R('GET', '/api/v1/letter-templates/{name}', [...STAFF, 'admin'], 200, { params: { name: 'refusal' } }),
	R('PUT', '/api/v1/letter-templates/{name}', ADMIN, 422, { params: { name: 'refusal' }, body: PROBE }),
	R('DELETE', '/api/v1/letter-templates/{name}', ADMIN, 404, { params: { name: 'refusal' } }),
	R('GET', '/api/v1/mail/triage', STAFF, 200),
	R('GET', '/api/v1/mail/triage/{id}', STAFF, 404, { params: { id: 'M-999999' } }),
	R('POST', '/api/v1/mail/triage/{id}/assign', STAFF, 404, { params: { id: 'M-999999' }, body: PROBE }),
	R('POST', '/api/v1/mail/triage/{id}/dismiss', STAFF, 404, { params: { id: 'M-999999' }, body: PROBE }),

	R('GET', '/api/v1/people', STAFF, 200),
	R('POST', '/api/v1/people', STAFF, 422, { body: PROBE }),
	R('GET', '/api/v1/people/reviews', STAFF, 200),
	R('GET', '/api/v1/people/{id}', STAFF, 200, { params: { id: 'REAL_PERSON' } }),
	R('GET', '/api/v1/people/{id}/export', HANDLER_OFFICER, 404, { params: { id: NONE_PERSON } }),
	R('POST', '/api/v1/people/{id}/erasure', ['complaints_officer', 'senior_lead', 'admin'], 422, { params: { id: NONE_PERSON }, body: PROBE }),
	R('POST', '/api/v1/people/{id}/preferences', STAFF, 404, { params: { id: NONE_PERSON }, body: PROBE }),
	R('POST', '/api/v1/people/{id}/adjustments', STAFF, 404, { params: { id: NONE_PERSON }, body: PROBE }),
	R('POST', '/api/v1/people/{id}/adjustments/{n}/review', STAFF, 404, { params: { id: NONE_PERSON, n: '1' }, body: {} }),
	R('POST', '/api/v1/people/{id}/disclosures', HANDLER_OFFICER, 404, { params: { id: NONE_PERSON }, body: PROBE }),
	R('POST', '/api/v1/people/{id}/restrictions', STAFF, 404, { params: { id: NONE_PERSON }, body: PROBE }),
	R('POST', '/api/v1/people/{id}/restrictions/{n}/review', STAFF, 404, { params: { id: NONE_PERSON, n: '1' }, body: {} }),
	R('POST', '/api/v1/people/{id}/restrictions/{n}/end', STAFF, 404, { params: { id: NONE_PERSON, n: '1' }, body: {} }),

	R('GET', '/api/v1/service-requests', STAFF, 200),
	R('POST', '/api/v1/service-requests', STAFF, 422, { body: PROBE }),
	R('GET', '/api/v1/service-requests/{ref}', STAFF, 200, { params: { ref: 'REAL_SR' } }),
	R('POST', '/api/v1/service-requests/{ref}/updates', STAFF, 404, { params: { ref: NONE_SR }, body: PROBE }),
	R('POST', '/api/v1/service-requests/{ref}/dissatisfaction', STAFF, 404, { params: { ref: NONE_SR }, body: PROBE }),
	R('POST', '/api/v1/service-requests/{ref}/complete', STAFF, 404, { params: { ref: NONE_SR }, body: PROBE }),
	R('GET', '/api/v1/feedback', STAFF, 200),
	R('POST', '/api/v1/feedback', STAFF, 422, { body: PROBE }),

	R('GET', '/api/v1/users', ADMIN, 200),
	R('POST', '/api/v1/users', ADMIN, 422, { body: PROBE }),
	R('GET', '/api/v1/users/{name}', ANY, 200, { params: { name: '{self}' } }),
	R('POST', '/api/v1/users/{name}/tokens', ANY, 201, { params: { name: '{self}' } }),
	R('PUT', '/api/v1/users/{name}/password', ANY, 422, { params: { name: '{self}' }, body: PROBE }),

	R('GET', '/api/v1/policy', ANY, 200),
	R('PATCH', '/api/v1/policy', ADMIN, 422, { body: PROBE }),
	R('GET', '/api/v1/policy/check', ANY, 200),
	R('GET', '/api/v1/calendar', ANY, 200),
	R('POST', '/api/v1/calendar/import', ADMIN, 422, { body: PROBE }),
	R('POST', '/api/v1/calendar/closures', ADMIN, 422, { body: PROBE }),
	R('DELETE', '/api/v1/calendar/closures/{date}', ADMIN, 404, { params: { date: '2030-01-02' } }),
	R('GET', '/api/v1/workdays/add', ANY, 200, { query: '?date=2026-11-23&n=5' }),
	R('GET', '/api/v1/workdays/count', ANY, 200, { query: '?from=2026-11-23&to=2026-12-07' }),

	R('GET', '/api/v1/reports/tsm', ['complaints_officer', 'senior_lead', 'board', 'admin'], 200, { query: '?year=2025' }),
	R('GET', '/api/v1/reports/board', ['complaints_officer', 'senior_lead', 'board', 'admin'], 200, { query: '?year=2025' }),
	R('GET', '/api/v1/self-assessments', ['complaints_officer', 'senior_lead', 'board', 'admin'], 200, { query: '?year=2025' }),
	R('POST', '/api/v1/self-assessments/{year}/commentary', ['senior_lead', 'admin'], 422, { params: { year: '2025' }, body: PROBE }),
	R('POST', '/api/v1/self-assessments/{year}/approval', ['senior_lead', 'admin'], 422, { params: { year: '2025' }, body: PROBE }),
	R('POST', '/api/v1/self-assessments/{year}/publication', ['senior_lead', 'admin'], 422, { params: { year: '2025' }, body: PROBE }),
	R('GET', '/api/v1/reports/annual', ['complaints_officer', 'senior_lead', 'board', 'admin'], 200, { query: '?year=2025' }),
	R('POST', '/api/v1/reports/annual/{year}/response', ['senior_lead', 'admin'], 422, { params: { year: '2025' }, body: PROBE }),
	R('GET', '/api/v1/ombudsman-cases', STAFF, 200),
	R('POST', '/api/v1/ombudsman-cases', OFFICER_SENIOR, 422, { body: PROBE }),
	R('GET', '/api/v1/ombudsman-cases/{ref}', STAFF, 404, { params: { ref: NONE_REG } }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/information-requests', OFFICER_SENIOR, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/information-requests/{n}/answer', OFFICER_SENIOR, 404, { params: { ref: NONE_REG, n: '1' }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/determinations', OFFICER_SENIOR, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/orders', OFFICER_SENIOR, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/orders/{n}/compliance', OFFICER_SENIOR, 404, { params: { ref: NONE_REG, n: '1' }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/failure-orders', OFFICER_SENIOR, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/failure-orders/{n}/compliance', OFFICER_SENIOR, 404, { params: { ref: NONE_REG, n: '1' }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-cases/{ref}/close', OFFICER_SENIOR, 404, { params: { ref: NONE_REG }, body: {} }),
	R('GET', '/api/v1/improvements', STAFF, 200),
	R('POST', '/api/v1/improvements', STAFF, 422, { body: PROBE }),
	R('GET', '/api/v1/improvements/{ref}', STAFF, 404, { params: { ref: NONE_REG } }),
	R('POST', '/api/v1/improvements/{ref}/updates', STAFF, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('GET', '/api/v1/exceptional-circumstances', ANY, 200),
	R('POST', '/api/v1/exceptional-circumstances', SENIOR_ADMIN, 422, { body: PROBE }),
	R('GET', '/api/v1/exceptional-circumstances/{ref}', ANY, 404, { params: { ref: NONE_REG } }),
	R('POST', '/api/v1/exceptional-circumstances/{ref}/updates', SENIOR_ADMIN, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/exceptional-circumstances/{ref}/end', SENIOR_ADMIN, 404, { params: { ref: NONE_REG }, body: {} }),
	R('GET', '/api/v1/training-records', ['handler', 'complaints_officer', 'senior_lead', 'admin'], 200),
	R('POST', '/api/v1/training-records', ['complaints_officer', 'senior_lead', 'admin'], 422, { body: PROBE }),
	R('GET', '/api/v1/training-records/{ref}', ['handler', 'complaints_officer', 'senior_lead', 'admin'], 404, { params: { ref: NONE_REG } }),
	R('GET', '/api/v1/quality-reviews', STAFF, 200),
	R('POST', '/api/v1/quality-reviews', OFFICER_SENIOR, 422, { body: PROBE }),
	R('POST', '/api/v1/quality-reviews/sample', OFFICER_SENIOR, 422, { body: PROBE }),
	R('GET', '/api/v1/quality-reviews/{ref}', STAFF, 404, { params: { ref: NONE_REG } }),
	R('POST', '/api/v1/quality-reviews/{ref}/score', STAFF, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('GET', '/api/v1/surveys', STAFF, 200),
	R('POST', '/api/v1/surveys/schedule', STAFF, 422, { body: PROBE }),
	R('GET', '/api/v1/surveys/{ref}', STAFF, 404, { params: { ref: NONE_REG } }),
	R('POST', '/api/v1/surveys/{ref}/sent', STAFF, 404, { params: { ref: NONE_REG }, body: {} }),
	R('POST', '/api/v1/surveys/{ref}/answers', STAFF, 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/surveys/{ref}/declined', STAFF, 404, { params: { ref: NONE_REG }, body: {} }),
	R('GET', '/api/v1/ombudsman-reports', ANY, 200),
	R('POST', '/api/v1/ombudsman-reports', ['complaints_officer', 'senior_lead', 'admin'], 422, { body: PROBE }),
	R('GET', '/api/v1/ombudsman-reports/{ref}', ANY, 404, { params: { ref: NONE_REG } }),
	R('POST', '/api/v1/ombudsman-reports/{ref}/updates', ['complaints_officer', 'senior_lead', 'admin'], 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/ombudsman-reports/{ref}/withdraw', ['complaints_officer', 'senior_lead', 'admin'], 404, { params: { ref: NONE_REG }, body: PROBE }),
	R('POST', '/api/v1/import/complaints', ADMIN, 415, { body: PROBE }),	// JSON, not text/csv
	R('GET', '/api/v1/export/complaints', ['senior_lead', 'admin'], 200),
	R('GET', '/api/v1/export/events', ['senior_lead', 'admin'], 200),
];

/* The route pattern of a concrete path, for messages ("/api/v1/complaints/{ref}"). */
export function routeOf(method, path) {
	const p = path.split('?')[0];
	const score = (rt) => (rt.method === method ? 100 : 0) + literalCount(rt.pattern);
	let best = null;

	for (const rt of ROUTES) {
		const re = new RegExp('^' + rt.pattern.replace(/\{[^}]+\}/g, '[^/]+') + '$');
		if (re.test(p) && (!best || score(rt) > score(best)))
			best = rt;
	}
	return best ? best.pattern : p;
}

function literalCount(pattern) {
	return pattern.split('/').filter((s) => s && !s.startsWith('{')).length;
}

/* The routes of src/http/routes.c as [{method, pattern, roles}], roles as names. */
export function routesInSource() {
	const text = readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8');
	const bits = {
		ROLE_HANDLER: ['handler'], ROLE_OFFICER: ['complaints_officer'], ROLE_SENIOR: ['senior_lead'],
		ROLE_BOARD: ['board'], ROLE_ADMIN: ['admin'], ROLE_STAFF: STAFF, ROLE_ANY: ANY,
	};
	const out = [];
	const re = /(?:R\(|\{\s*)"([A-Z]+)",\s*"([^"]+)",\s*\w+,\s*([A-Z_| ]+),/g;
	let m;

	while ((m = re.exec(text))) {
		const expr = m[3].trim();
		let roles;

		if (expr === 'ROLE_PUBLIC') {
			roles = PUBLIC;
		} else {
			const set = new Set();
			for (const part of expr.split('|').map((s) => s.trim())) {
				if (!bits[part])
					throw new Error(`routes.c: unknown role expression ${part}`);
				bits[part].forEach((x) => set.add(x));
			}
			roles = ANY.filter((x) => set.has(x));
		}
		out.push({ method: m[1], pattern: m[2], roles });
	}
	return out;
}

/* ---- OpenAPI -------------------------------------------------------- */

const DOC_ID = 'https://redress.invalid/openapi.json';

function pointer(doc, ref) {
	if (!ref.startsWith('#/'))
		throw new Error(`only local references are supported: ${ref}`);
	let v = doc;
	for (const raw of ref.slice(2).split('/')) {
		const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
		if (v === undefined || v === null)
			return undefined;
		v = v[part];
	}
	return v;
}

function deref(doc, obj) {
	let n = 0;
	while (obj && typeof obj === 'object' && typeof obj.$ref === 'string' && n++ < 20)
		obj = pointer(doc, obj.$ref);
	return obj;
}

function absoluteRefs(schema) {
	if (Array.isArray(schema))
		return schema.map(absoluteRefs);
	if (!schema || typeof schema !== 'object')
		return schema;
	const out = {};
	for (const [k, v] of Object.entries(schema))
		out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? DOC_ID + v : absoluteRefs(v);
	return out;
}

export class OpenApi {
	constructor(doc) {
		this.doc = doc;
		this.gaps = new Set();
		this.checked = 0;
		this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
		addFormats(this.ajv);
		this.ajv.addSchema(doc, DOC_ID);
		this.cache = new Map();
		let prefix = '';
		try {
			prefix = new URL(doc.servers?.[0]?.url ?? 'http://x/').pathname.replace(/\/$/, '');
		} catch { /* a relative server URL: no prefix */ }
		this.prefix = prefix;
	}

	gap(line) {
		this.gaps.add('openapi: ' + line);
	}

	/* The path template of the description for a concrete path, or null. */
	template(path) {
		const p = path.split('?')[0];
		const paths = this.doc.paths || {};
		const candidates = [p];
		if (this.prefix && p.startsWith(this.prefix))
			candidates.push(p.slice(this.prefix.length) || '/');
		let best = null;
		for (const c of candidates)
			for (const t of Object.keys(paths)) {
				const re = new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
					.replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$');
				if (re.test(c) && (!best || literalCount(t) > literalCount(best)))
					best = t;
			}
		return best;
	}

	/* Validates "value" against #/components/schemas/<name>, if described. */
	checkComponent(name, value, what) {
		if (!this.doc.components?.schemas?.[name]) {
			this.gap(`no components.schemas.${name} (for ${what})`);
			return;
		}
		const key = `component ${name}`;
		let validate = this.cache.get(key);
		if (!validate) {
			validate = this.ajv.compile({ $ref: `${DOC_ID}#/components/schemas/${name}` });
			this.cache.set(key, validate);
		}
		this.checked++;
		assert.ok(validate(value), `openapi: ${what} does not match components.schemas.${name}: ` +
			JSON.stringify(validate.errors?.slice(0, 5)));
	}

	/*
	 * Checks one response: finds the operation by method and path
	 * template, the response for the status (exact, then 4XX, then
	 * default) and the content type, and validates the body.  What is
	 * not described is recorded as a gap; what is described must match.
	 */
	check(method, path, res) {
		const route = routeOf(method, path);
		const where = `${method} ${route}`;
		const t = this.template(path);

		if (!t) {
			this.gap(`no path ${route} (${method})`);
			return;
		}
		const item = deref(this.doc, this.doc.paths[t]);
		const op = item && deref(this.doc, item[method.toLowerCase()]);
		if (!op) {
			this.gap(`no ${method} for ${t}`);
			return;
		}
		const responses = op.responses || {};
		const code = String(res.status);
		let resp = responses[code] || responses[code[0] + 'XX'];
		if (!resp) {
			// "default" describes it only in general: a gap, still checked.
			this.gap(`no ${code} for ${method} ${t}`);
			resp = responses.default;
			if (!resp)
				return;
		}
		resp = deref(this.doc, resp);
		for (const [name, h] of Object.entries(resp.headers || {})) {
			const hd = deref(this.doc, h);
			if (hd && hd.required)
				assert.ok(res.headers.get(name) !== null,
					`openapi: ${method} ${t} ${code} must carry the ${name} header`);
		}
		const content = resp.content;
		const ctype = (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
		if (!content || !Object.keys(content).length) {
			if (res.text.length)
				this.gap(`no content described for ${code} ${method} ${t} (the server sent ${ctype})`);
			return;
		}
		let media = content[ctype];
		if (!media)
			media = content[ctype.split('/')[0] + '/*'] || content['*/*'];
		if (!media) {
			if (!res.text.length && (code === '204' || code === '304'))
				return;
			assert.fail(`openapi: ${method} ${t} ${code} answered ${ctype || '(no content type)'}, ` +
				`the description has only ${Object.keys(content).join(', ')}`);
		}
		if (!media.schema) {
			this.gap(`no schema for ${code} ${ctype} ${method} ${t}`);
			return;
		}
		const key = `${t} ${method} ${code} ${ctype}`;
		let validate = this.cache.get(key);
		if (!validate) {
			validate = this.ajv.compile(absoluteRefs(media.schema));
			this.cache.set(key, validate);
		}
		let body = res.body;
		if (ctype === 'application/json' || ctype.endsWith('+json')) {
			assert.notEqual(body, undefined, `${where} ${code}: the body is not JSON: ${res.text.slice(0, 200)}`);
		} else {
			body = res.text;
		}
		this.checked++;
		if (!validate(body)) {
			const errs = validate.errors.slice(0, 8).map((e) =>
				`${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
			assert.fail(`openapi: the ${code} ${ctype} response of ${method} ${path} does not match ` +
				`the description of ${method} ${t}:\n  ${errs.join('\n  ')}\n  body: ${res.text.slice(0, 600)}`);
		}
	}
}

/* ---- processes ------------------------------------------------------ */

let built = false;

/* The binary under test: $REDRESS, else ./redress (built once if missing). */
export function binary() {
	if (process.env.REDRESS)
		return resolve(process.env.REDRESS);
	const bin = join(ROOT, 'redress');
	if (!existsSync(bin) && !built) {
		built = true;
		const r = spawnSync('make', ['redress'], { cwd: ROOT, stdio: 'inherit' });
		if (r.status !== 0)
			throw new Error('make redress failed');
	}
	return bin;
}

function freePort() {
	return new Promise((ok, fail) => {
		const s = net.createServer();
		s.unref();
		s.on('error', fail);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => ok(port));
		});
	});
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const children = new Set();

process.on('exit', () => {
	for (const c of children)
		try { c.kill('SIGKILL'); } catch { /* gone */ }
});

/* Keys whose string values are personal data or secrets in request bodies. */
const PERSONAL_KEYS = new Set(['email', 'phone', 'address', 'password', 'detail']);

function collectSecrets(v, into) {
	if (Array.isArray(v)) {
		v.forEach((x) => collectSecrets(x, into));
	} else if (v && typeof v === 'object') {
		const person = 'email' in v || 'phone' in v || 'address' in v;
		for (const [k, x] of Object.entries(v)) {
			if (typeof x === 'string' && x.length >= 4 &&
			    (PERSONAL_KEYS.has(k) || (k === 'name' && person) || k === 'token'))
				into.add(x);
			else
				collectSecrets(x, into);
		}
	}
}

class Server {
	constructor(dir, bin, env) {
		this.dir = dir;
		this.bin = bin;
		this.env = env;
		/* REDRESS_TEST_STORE=pg: a landlord of its own on the test run's
		 * PostgreSQL server (REDRESS_TEST_PG) instead of a SQLite file. */
		this.pg = process.env.REDRESS_TEST_STORE === 'pg' ? process.env.REDRESS_TEST_PG : null;
		this.landlord = 'h' + randomBytes(6).toString('hex');
		this.db = this.pg ? `${this.pg}?landlord=${this.landlord}` : join(dir, 'redress.db');
		this.accessLog = join(dir, 'access.log');
		this.tokens = {};
		this.secrets = new Set([PASSWORD]);
		this.responses = 0;
		this.child = null;
		this.stderr = '';
	}

	/* Runs the CLI on the test database: {status, stdout, stderr}. */
	cli(args, opts = {}) {
		const r = spawnSync(this.bin, [...args, '--db', this.db], {
			env: this.env, input: opts.input, encoding: 'utf8', cwd: this.dir, timeout: 30000,
		});
		return { status: r.status, stdout: r.stdout, stderr: r.stderr };
	}

	cliOk(args, opts) {
		const r = this.cli(args, opts);
		assert.equal(r.status, 0, `redress ${args.join(' ')}: ${r.stderr}`);
		return r.stdout;
	}

	/* A query of the test's own on the database (SQLite's dialect; on
	 * PostgreSQL, json_object and json() are translated). */
	sql(query) {
		if (this.pg) {
			const q = query.replace(/json_object\(/g, 'json_build_object(')
				.replace(/json\(payload\)/g, 'payload::json');
			const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', this.pg, '-c', q], {
				encoding: 'utf8', env: { ...process.env, PGOPTIONS: `-c search_path=${this.landlord}` },
			});
			assert.equal(r.status, 0, `psql: ${r.stderr}`);
			return r.stdout.trim();
		}
		const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', this.db, query], { encoding: 'utf8' });
		assert.equal(r.status, 0, `sqlite3: ${r.stderr}`);
		return r.stdout.trim();
	}

	/* A digest of everything stored about cases (as tests/cli/lib.sh). */
	digest() {
		const text = this.sql('SELECT * FROM events ORDER BY id; SELECT * FROM aggregates ORDER BY stream; ' +
			'SELECT * FROM complaints ORDER BY reference; SELECT * FROM counters ORDER BY name;');
		return createHash('sha256').update(text).digest('hex');
	}

	/* The token for a role ("handler") or a user name ("bilal"). */
	tok(who) {
		const name = ROLE_USER[who] || who;
		const t = this.tokens[name];
		if (!t)
			throw new Error(`no token for ${who}`);
		return t;
	}

	async start() {
		for (let attempt = 0; ; attempt++) {
			this.port = await freePort();
			this.base = `http://127.0.0.1:${this.port}`;
			const child = spawn(this.bin, ['serve', '--db', this.db, '--port', String(this.port),
				'--access-log', this.accessLog], { env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
			children.add(child);
			this.child = child;
			this.exited = new Promise((ok) => child.on('exit', (code, signal) => {
				children.delete(child);
				ok({ code, signal });
			}));
			child.stderr.on('data', (d) => { this.stderr += d; });
			let gone = false;
			this.exited.then(() => { gone = true; });
			const until = Date.now() + 15000;
			while (!gone && Date.now() < until) {
				try {
					const r = await fetch(this.base + '/healthz');
					await r.text();
					this.responses++;
					if (r.status === 200)
						return;
				} catch { /* not listening yet */ }
				await sleep(25);
			}
			if (!gone) {
				child.kill('SIGKILL');
				throw new Error(`redress serve did not answer /healthz: ${this.stderr}`);
			}
			if (attempt >= 3)
				throw new Error(`redress serve exited: ${this.stderr}`);
		}
	}

	/* SIGTERM, and the exit status. */
	async stop() {
		if (!this.child)
			return null;
		const child = this.child;
		this.child = null;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
		const r = await this.exited;
		clearTimeout(timer);
		return r;
	}

	/*
	 * One request.  opts: as (role or user name: its token), auth (the
	 * Authorization header as it is), cookie, body (JSON), raw (a string
	 * or Buffer sent as it is), ctype, headers, openapi (false: do not
	 * check the response against the description).
	 * Answers {status, headers, text, body (parsed JSON), ctype}.
	 */
	async request(method, path, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		let body;

		if (opts.as)
			headers.Authorization = 'Bearer ' + this.tok(opts.as);
		if (opts.auth !== undefined)
			headers.Authorization = opts.auth;
		if (opts.cookie)
			headers.Cookie = opts.cookie;
		if (opts.body !== undefined) {
			body = JSON.stringify(opts.body);
			headers['Content-Type'] = opts.ctype || 'application/json';
			collectSecrets(opts.body, this.secrets);
		} else if (opts.raw !== undefined) {
			body = opts.raw;
			if (opts.ctype)
				headers['Content-Type'] = opts.ctype;
		}
		const r = await fetch(this.base + path, { method, headers, body });
		const text = await r.text();
		this.responses++;
		const res = { status: r.status, headers: r.headers, text, ctype: r.headers.get('content-type') || '' };
		try {
			res.body = text.length ? JSON.parse(text) : undefined;
		} catch {
			res.body = undefined;
		}
		if (res.body && typeof res.body === 'object')
			collectSecrets(res.body.token ? { token: res.body.token } : {}, this.secrets);
		for (const c of r.headers.getSetCookie())
			this.secrets.add(c.split(';')[0].split('=').slice(1).join('='));
		this.secrets.delete('');
		if (opts.openapi !== false && this.openapi)
			this.openapi.check(method, path, res);
		return res;
	}

	get(path, opts) { return this.request('GET', path, opts); }
	post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }

	/* GET of a complaint and of its events, and the stored digest. */
	async snapshot(ref) {
		const c = await this.get(`/api/v1/complaints/${ref}`, { as: 'handler' });
		const ev = await this.get(`/api/v1/complaints/${ref}/events`, { as: 'handler' });
		assert.equal(c.status, 200);
		assert.equal(ev.status, 200);
		return { complaint: c.text, events: ev.text, digest: this.digest() };
	}

	/* Runs "fn" (a refused write) and proves nothing stored changed. */
	async unchanged(ref, fn) {
		const before = ref ? await this.snapshot(ref) : { digest: this.digest() };
		const out = await fn();
		const after = ref ? await this.snapshot(ref) : { digest: this.digest() };
		assert.deepEqual(after, before, 'a refused write changed what is stored');
		return out;
	}
}

/*
 * Builds the demo database, the tokens and the password, starts the server
 * and loads the OpenAPI description it serves.
 */
export async function startServer() {
	const dir = mkdtempSync(join(tmpdir(), 'redress-http-'));
	const bin = join(dir, 'redress');
	// A private copy: another engineer may rebuild ./redress while we run.
	copyFileSync(binary(), bin);
	// The pages' static files, built by make web beside the sources.
	const env = { REDRESS_ASSETS: join(ROOT, 'build', 'web'), ...process.env, REDRESS_TODAY: TODAY };
	const srv = new Server(dir, bin, env);

	srv.cliOk(['demo', '--homes', '500', '--years', '1', '--seed', '5']);
	for (const u of USERS) {
		const t = srv.cliOk(['user', 'token', u]).trim();
		assert.match(t, /^rd_[A-Za-z0-9_-]{20,}$/, `the token for ${u}`);
		srv.tokens[u] = t;
		srv.secrets.add(t);
	}
	srv.cliOk(['user', 'passwd', PASSWORD_USER], { input: PASSWORD + '\n' });
	await srv.start();
	const oa = await srv.get('/api/v1/openapi.json', { openapi: false });
	assert.equal(oa.status, 200);
	srv.openapi = new OpenApi(oa.body);
	return srv;
}

/*
 * The last test of a file: the server stops cleanly on SIGTERM, the
 * database verifies, and the access log has one JSON line per request
 * with nothing secret or personal in it.  Prints the OpenAPI gaps.
 */
export function finalChecks(get) {
	test('server stops on SIGTERM; verify; the access log is clean', async () => {
		const srv = get();
		assert.ok(srv, 'the server started');
		const exit = await srv.stop();
		assert.deepEqual(exit, { code: 0, signal: null }, `redress serve exit: ${srv.stderr}`);
		const v = srv.cli(['verify']);
		assert.equal(v.status, 0, `redress verify: ${v.stdout} ${v.stderr}`);

		const text = readFileSync(srv.accessLog, 'utf8');
		const lines = text.split('\n').filter((l) => l.length);
		assert.equal(lines.length, srv.responses, 'one access-log line per request answered');
		const secrets = [...srv.secrets].filter((s) => s.length >= 4);
		assert.ok(secrets.length >= USERS.length + 1, 'tokens and the password are among the secrets');
		for (const line of lines) {
			const j = JSON.parse(line);
			assert.match(j.method, /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|OTHER)$/, line);
			assert.equal(typeof j.route, 'string', line);
			assert.ok(j.route === '(none)' || j.route.startsWith('/'), line);
			assert.ok(Number.isInteger(j.status) && j.status >= 100 && j.status < 600, line);
			assert.equal(typeof j.ms, 'number', line);
			assert.ok(j.ms >= 0, line);
			assert.doesNotMatch(line, /CMP-\d{4}-\d{6}|P-\d{6}|rd_[A-Za-z0-9_-]{10}/, 'no reference or token in ' + line);
			assert.doesNotMatch(line, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no email address in ' + line);
			for (const s of secrets)
				assert.ok(!line.includes(s), `the access log carries "${s.slice(0, 12)}...": ${line}`);
		}
	});
	// Whatever happened above: stop the server, print the gaps, tidy up
	// (KEEP=1 keeps the directory, its database and access log).
	after(async () => {
		const srv = get();
		if (!srv)
			return;
		await srv.stop();
		printGaps(srv);
		if (process.env.KEEP)
			console.log(`kept ${srv.dir}`);
		else
			rmSync(srv.dir, { recursive: true, force: true });
	});
}

export function printGaps(srv) {
	if (!srv.openapi)
		return;
	for (const g of [...srv.openapi.gaps].sort())
		console.log(g);
}

/* Asserts a problem+json answer: status, detail, field and clause. */
export function assertProblem(res, status, field, clause) {
	assert.equal(res.status, status, `want ${status}, got ${res.status}: ${res.text}`);
	assert.match(res.ctype, /^application\/problem\+json/, 'problem+json');
	assert.equal(res.body.status, status);
	assert.equal(typeof res.body.detail, 'string');
	assert.ok(res.body.detail.length > 0);
	if (field !== undefined)
		assert.equal(res.body.field, field, `field of: ${res.text}`);
	if (clause !== undefined) {
		assert.equal(res.body.clause, clause, `clause of: ${res.text}`);
		if (clause)
			assert.ok(res.body.detail.includes(clause) || res.body.clause === clause);
	}
}

/* The smallest complaint body of design.md, with names to trace. */
export function newComplaint(over = {}) {
	return {
		received_on: '2026-11-02',
		channel: 'phone',
		complainant: { name: 'Ann Leeworthy', email: 'ann.leeworthy@example.org' },
		description: 'The roof leak reported in August has not been fixed',
		category: 'repairs',
		issue_date: '2026-08-10',
		...over,
	};
}

/* A complete acknowledgement body. */
export function ackBody(handler, over = {}) {
	return {
		acknowledged_on: TODAY,
		handler,
		definition: {
			summary: 'The roof leak was not repaired',
			outcomes_sought: 'Repair and compensation',
			responsible: 'Roof repairs',
			not_responsible: 'Damage to contents',
		},
		triage: { complex: false, vulnerable: false },
		...over,
	};
}

/* Creates a complaint over HTTP and answers its reference. */
export async function create(srv, over = {}, as = 'handler') {
	const r = await srv.post('/api/v1/complaints', newComplaint(over), { as });
	assert.equal(r.status, 201, r.text);
	return r.body.reference;
}
