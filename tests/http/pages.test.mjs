// pages.test.mjs - the HTML pages over plain HTTP, on both storage
// backends and under the sanitizers: who may see each page, CSRF on every
// form, the security headers, markup typed into forms coming back
// escaped, and refused forms changing nothing stored.

import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PASSWORD, ROLES, ROLE_USER, ROOT, USERS, finalChecks, startServer } from './harness.mjs';

let srv;
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

/* The page routes of routes.c: P(method, pattern, handler, roles, ...). */
function pageRoutes() {
	const text = readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8');
	const bits = {
		ROLE_HANDLER: ['handler'], ROLE_OFFICER: ['complaints_officer'], ROLE_SENIOR: ['senior_lead'],
		ROLE_BOARD: ['board'], ROLE_ADMIN: ['admin'],
		ROLE_STAFF: ['handler', 'complaints_officer', 'senior_lead'],
		ROLE_ANY: ROLES,
		REPORT_ROLES: ['complaints_officer', 'senior_lead', 'board', 'admin'],
	};
	const out = [];
	const re = /\bPU?\("([A-Z]+)",\s*"([^"]+)",\s*\w+,\s*([A-Z_| ]+),/g;
	let m;
	while ((m = re.exec(text))) {
		const expr = m[3].trim();
		const roles = expr === 'ROLE_PUBLIC' ? 'public'
			: [...new Set(expr.split('|').flatMap((p) => bits[p.trim()] || assert.fail(`unknown ${p}`)))];
		out.push({ method: m[1], pattern: m[2], roles });
	}
	return out;
}

/* A browser's worth of state: cookies, and the CSRF token of the last page. */
class Visitor {
	constructor() { this.cookies = new Map(); this.csrf = null; }
	header() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
	async go(method, path, form, extra = {}) {
		const headers = { Cookie: this.header(), ...extra.headers };
		let body;
		if (form !== undefined) {
			const f = new URLSearchParams();
			for (const [k, v] of Object.entries(form))
				for (const x of [].concat(v))
					if (x !== undefined)
						f.append(k, x);
			body = f.toString();
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
		}
		const r = await fetch(srv.base + path, { method, headers, body, redirect: 'manual' });
		srv.responses++;
		for (const c of r.headers.getSetCookie()) {
			const [kv] = c.split(';');
			const [k, ...v] = kv.split('=');
			if (/Max-Age=0/.test(c))
				this.cookies.delete(k);
			else
				this.cookies.set(k, v.join('='));
			srv.secrets.add(v.join('='));
		}
		const text = await r.text();
		const tok = text.match(/name="csrf" value="([0-9a-f]{64})"/);
		if (tok)
			this.csrf = tok[1];
		return { status: r.status, headers: r.headers, text, location: r.headers.get('location') };
	}
	get(path) { return this.go('GET', path); }
	post(path, form, extra) { return this.go('POST', path, { csrf: this.csrf, ...form }, extra); }
}

async function signedIn(user) {
	const v = new Visitor();
	await v.get('/sign-in');
	const r = await v.post('/sign-in', { name: user, password: PASSWORD });
	assert.equal(r.status, 303, r.text);
	assert.equal(r.location, '/');
	await v.get('/');
	return v;
}

test('set-up: every demo user can sign in with a password', async () => {
	srv = await startServer();
	for (const u of USERS)
		srv.cliOk(['user', 'passwd', u], { input: PASSWORD + '\n' });
});

test('every page route is in the table, and the table has the pages design.md names', () => {
	const routes = pageRoutes();
	const names = routes.map((r) => `${r.method} ${r.pattern}`);
	for (const want of ['GET /', 'GET /complain', 'POST /complain', 'GET /track', 'POST /track', 'GET /sign-in'])
		assert.ok(names.includes(want), want);
	assert.ok(routes.length >= 30, `${routes.length} page routes`);
});

test('signed out, every staff page sends you to sign in; public pages answer', async () => {
	for (const rt of pageRoutes()) {
		const path = rt.pattern.replace('{ref}', 'CMP-1999-999999').replace('{id}', 'P-999999')
			.replace('{action}', 'note').replace('{section}', 'users').replace('{file}', 'redress.css')
			.replace('{kind}', 'response');
		const v = new Visitor();
		const r = await v.go(rt.method, path, rt.method === 'POST' ? {} : undefined);
		if (rt.roles === 'public') {
			assert.notEqual(r.status, 401, `${rt.method} ${rt.pattern}`);
			continue;
		}
		assert.equal(r.status, 303, `${rt.method} ${rt.pattern}: ${r.status}`);
		assert.equal(r.location, '/sign-in', rt.pattern);
	}
});

test('each role: 403 page where the table says no, the page where it says yes', async () => {
	const gets = pageRoutes().filter((r) => r.method === 'GET' && r.roles !== 'public' && !r.pattern.includes('{'));
	for (const role of ROLES) {
		const v = await signedIn(ROLE_USER[role]);
		for (const rt of gets) {
			const r = await v.get(rt.pattern);
			if (rt.pattern === '/' && !['handler', 'complaints_officer', 'senior_lead'].includes(role)) {
				assert.equal(r.status, 303, `${role} at /: sent to their own start page`);
				continue;
			}
			if (rt.roles.includes(role)) {
				assert.equal(r.status, 200, `${role} ${rt.pattern}: ${r.text.slice(0, 300)}`);
				assert.match(r.headers.get('content-type'), /^text\/html/);
			} else {
				assert.equal(r.status, 403, `${role} ${rt.pattern}`);
				assert.match(r.text, /You cannot see this page/);
			}
		}
	}
});

test('every page carries a Content-Security-Policy without unsafe-inline, and no inline script', async () => {
	const v = await signedIn('alice');
	for (const path of ['/', '/cases', '/cases/new', '/people', '/service-requests', '/complain', '/track', '/sign-in']) {
		const r = await v.get(path);
		const csp = r.headers.get('content-security-policy');
		assert.match(csp, /script-src 'self'/, path);
		assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
		assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
		assert.equal(r.headers.get('cache-control'), 'no-store', path);
		assert.doesNotMatch(r.text, /<script(?![^>]*\bsrc=)[^>]*>/, `${path} has only external scripts`);
		assert.doesNotMatch(r.text, /\sstyle="/, `${path} has no inline style`);
		assert.doesNotMatch(r.text, /\son[a-z]+="/, `${path} has no event handler attributes`);
	}
	const css = await v.get('/assets/redress.css');
	assert.equal(css.status, 200);
	assert.match(css.headers.get('content-type'), /^text\/css/);
	assert.match(css.headers.get('cache-control'), /max-age/);
	assert.doesNotMatch(css.text, /GDS Transport/, 'the GOV.UK typeface is for GOV.UK only');
});

test('a form without its CSRF token, or with another session\'s, is refused and nothing changes', async () => {
	const alice = await signedIn('alice');
	const bilal = await signedIn('bilal');
	await alice.get('/cases/new');
	const form = { channel: 'phone', 'complainant.name': 'No Token', 'complainant.phone': '0100',
		description: 'Should not be stored', category: 'repairs' };
	const before = srv.digest();
	const none = await alice.go('POST', '/cases/new', form);
	assert.equal(none.status, 403);
	assert.match(none.text, /The form has expired/);
	const foreign = await alice.go('POST', '/cases/new', { ...form, csrf: bilal.csrf });
	assert.equal(foreign.status, 403);
	const forged = await alice.go('POST', '/cases/new', { ...form, csrf: 'a'.repeat(64) });
	assert.equal(forged.status, 403);
	// A sign-out without the token does not sign you out.
	const out = await alice.go('POST', '/sign-out', {});
	assert.equal(out.status, 403);
	assert.equal((await alice.get('/')).status, 200, 'still signed in');
	assert.equal(srv.digest(), before, 'nothing stored changed');
	const ok = await alice.post('/cases/new', form);
	assert.equal(ok.status, 303, ok.text.slice(0, 500));
	assert.match(ok.location, /^\/cases\/CMP-2026-\d{6}\?done=new$/);
});

test('a refusal by the rules is a 422 page naming the clause, keeping what was typed, storing nothing', async () => {
	const v = await signedIn('alice');
	const made = await v.post('/cases/new', { channel: 'email', 'complainant.name': 'Refusal Test',
		'complainant.email': 'refusal@example.org', description: 'Leak', category: 'leaks' });
	const ref = made.location.split('/')[2].split('?')[0];
	await v.get(`/cases/${ref}/acknowledge`);
	const ack = await v.post(`/cases/${ref}/acknowledge`, { handler: 'alice', 'definition.summary': 'Leak',
		'definition.outcomes_sought': 'Fix it', 'definition.responsible': 'Roof',
		'definition.not_responsible': 'Contents' });
	assert.equal(ack.status, 303, ack.text.slice(0, 800));
	await v.get(`/cases/${ref}/extend`);
	const before = await srv.snapshot(ref);
	const r = await v.post(`/cases/${ref}/extend`, { working_days: '30', reason: 'Waiting for <b>parts</b>',
		'resident_informed_on.day': '23', 'resident_informed_on.month': '11', 'resident_informed_on.year': '2026' });
	assert.equal(r.status, 422);
	assert.match(r.text, /govuk-error-summary/);
	assert.match(r.text, /clause 6\.4/);
	assert.match(r.text, /Waiting for &lt;b&gt;parts&lt;\/b&gt;<\/textarea>/, 'what was typed comes back, escaped');
	assert.match(r.text, /<title>Error: /);
	assert.deepEqual(await srv.snapshot(ref), before, 'nothing stored changed');
	// A date that is not one: the field is named, nothing stored.
	const bad = await v.post(`/cases/${ref}/extend`, { working_days: '5', reason: 'Parts',
		'resident_informed_on.day': '31', 'resident_informed_on.month': '2', 'resident_informed_on.year': '2026' });
	assert.equal(bad.status, 422);
	assert.match(bad.text, /id="f-resident_informed_on-error"/);
	assert.deepEqual(await srv.snapshot(ref), before);
	// A malformed form body.
	const mal = await v.go('POST', `/cases/${ref}/note`, undefined, {});
	assert.ok(mal.status === 415 || mal.status === 400 || mal.status === 403, String(mal.status));
});

test('script and markup typed into every field come back escaped, never as markup', async () => {
	const v = await signedIn('alice');
	await v.get('/cases/new');
	const r = await v.post('/cases/new', { channel: 'letter', received_on: '', 'complainant.name': HOSTILE,
		'complainant.email': 'x@example.org', 'complainant.address': HOSTILE, 'complainant.phone': HOSTILE,
		'representative.name': '', description: HOSTILE, category: 'other', estate: HOSTILE, building: HOSTILE,
		signers: HOSTILE });
	assert.equal(r.status, 303, r.text.slice(0, 500));
	const ref = r.location.split('/')[2].split('?')[0];
	await v.get(`/cases/${ref}/note`);
	assert.equal((await v.post(`/cases/${ref}/note`, { text: HOSTILE })).status, 303);
	for (const path of [`/cases/${ref}`, '/cases?q=script', '/', '/people?q=onerror']) {
		const page = await v.get(path);
		assert.equal(page.status, 200, path);
		assert.doesNotMatch(page.text, /<script>alert|<img src=x/, `${path} renders the markup`);
		assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, `${path} shows it as text`);
	}
	// Markup in a query string is escaped too.
	const q = await v.get('/cases?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E');
	assert.doesNotMatch(q.text, /<script>alert\(3\)/);
	assert.match(q.text, /&lt;script&gt;alert\(3\)/);
});

test('the resident flow: each page checks its answer; sending makes one complaint', async () => {
	const v = new Visitor();
	await v.get('/complain');
	let r = await v.post('/complain', {});
	assert.equal(r.status, 200);
	assert.match(r.text, /What is your full name\?/);
	r = await v.post('/complain', { step: 'name', name: '   ' });
	assert.equal(r.status, 422);
	assert.match(r.text, /Enter your full name/);
	const answers = { name: 'Rhys Resident', for: 'someone_else', their_name: 'Gwen Resident',
		relationship: 'Her son', consent: 'true', category: 'repairs', description: HOSTILE,
		outcomes_sought: 'Fix the boiler', method: 'phone', phone: '07700 900123', frequency: 'monthly' };
	r = await v.post('/complain', { ...answers, step: 'someone', consent: undefined });
	assert.equal(r.status, 422, 'acting for someone needs their agreement');
	assert.match(r.text, /agreement/);
	r = await v.post('/complain', { ...answers, step: 'contact', method: 'email' });
	assert.equal(r.status, 422);
	assert.match(r.text, /Enter your email address/);
	const before = srv.digest();
	r = await v.post('/complain', { ...answers, step: 'needs' });
	assert.equal(r.status, 200);
	assert.match(r.text, /Check your answers before sending/);
	assert.doesNotMatch(r.text, /<script>alert/);
	assert.equal(srv.digest(), before, 'nothing is stored until the resident sends it');
	r = await v.post('/complain', { ...answers, send: 'yes' });
	assert.equal(r.status, 200, r.text.slice(0, 400));
	const ref = r.text.match(/id="reference">(CMP-\d{4}-\d{6})</)[1];
	const c = (await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' })).body;
	assert.equal(c.complainant.name, 'Gwen Resident');
	assert.equal(c.representative.name, 'Rhys Resident');
	assert.equal(c.representative.relationship, 'Her son');
	assert.equal(c.representative.consent_on, '2026-11-23', 'consent recorded with the date (Code 3.6)');
	assert.equal(c.description, HOSTILE, 'stored as typed');
	assert.equal(c.channel, 'web');
});

test('/track: the same answer whether or not a reference exists; wrong codes lock out', async () => {
	const v = new Visitor();
	await v.get('/track');
	const a = await v.post('/track', { step: 'find', reference: 'CMP-1999-999999', email: 'no@example.org' });
	const b = await v.post('/track', { step: 'find', reference: 'CMP-2026-000001', email: 'wrong@example.org' });
	assert.equal(a.status, 200);
	assert.equal(b.status, 200);
	const strip = (t) => t.replace(/value="[^"]*"/g, '');
	assert.equal(strip(a.text), strip(b.text), 'the pages do not tell a real reference from a made-up one');
	const bad = await v.post('/track', { step: 'find', reference: 'not a ref', email: 'x@example.org' });
	assert.equal(bad.status, 422);
	for (let i = 0; i < 5; i++) {
		const r = await v.post('/track', { step: 'code', reference: 'CMP-2026-000001', code: '123456' });
		assert.equal(r.status, 401, `try ${i + 1}`);
	}
	const locked = await v.post('/track', { step: 'code', reference: 'CMP-2026-000001', code: '123456' });
	assert.equal(locked.status, 429);
	assert.ok(Number(locked.headers.get('retry-after')) > 0);
	const notSix = await v.post('/track', { step: 'code', reference: 'CMP-2026-000002', code: '12a' });
	assert.equal(notSix.status, 422);
	assert.equal((await v.get('/track/case')).status, 303, 'no session without a code');
});

test('the dashboard lists what is due to the Housing Ombudsman', async () => {
	const v = await signedIn('olu.officer');
	await v.get('/cases/new');
	const made = await v.post('/cases/new', { channel: 'phone', 'complainant.name': 'Ombudsman Case',
		'complainant.phone': '0100 000', description: 'Heating', category: 'repairs' });
	const ref = made.location.split('/')[2].split('?')[0];
	let r = await srv.post('/api/v1/ombudsman-cases', { complaint: ref, referred_on: '2026-11-23' },
		{ as: 'complaints_officer' });
	assert.equal(r.status, 201, r.text);
	const omb = r.body.reference;
	// Monday 23 November + 3 working days: 24 25 26 -> Thursday 26 November.
	r = await srv.post(`/api/v1/ombudsman-cases/${omb}/information-requests`,
		{ what: 'The <b>repair</b> history', requested_on: '2026-11-23', working_days: 3 }, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	const page = await v.get('/');
	assert.equal(page.status, 200);
	const block = page.text.split('id="ombudsman"')[1];
	assert.match(block, new RegExp(`information request 1 \\(${ref}\\): The &lt;b&gt;repair&lt;/b&gt; history: due 26 November 2026`));
	assert.doesNotMatch(block.split('</ul>')[0], /overdue/);
});

test('disclosed vulnerabilities: flagged on the case, shown only to handlers and officers, each read recorded', async () => {
	const p = await srv.post('/api/v1/people', { name: 'Ivy Disclosure', phone: '0100 111' }, { as: 'handler' });
	const id = p.body.id;
	await srv.post(`/api/v1/people/${id}/disclosures`, { kind: 'vulnerability',
		detail: 'Lives alone after a stroke', review_on: '2027-05-01' }, { as: 'handler' });
	await srv.post(`/api/v1/people/${id}/adjustments`, { description: 'Calls after 10am',
		review_on: '2027-01-10' }, { as: 'handler' });
	const c = await srv.post('/api/v1/complaints', { channel: 'phone', description: 'Lift broken',
		category: 'repairs', complainant: { person_id: id, name: 'Ivy Disclosure', phone: '0100 111' } },
	{ as: 'handler' });
	assert.equal(c.status, 201, c.text);
	const reads = () => Number(srv.sql(`select count(*) from events where type = 'person.special_category_read'`));
	const before = reads();

	const alice = await signedIn('alice');
	const page = await alice.get(`/cases/${c.body.reference}`);
	assert.match(page.text, /A disability or vulnerability has been disclosed/);
	assert.match(page.text, /Reasonable adjustment:<\/strong> Calls after 10am/);
	assert.doesNotMatch(page.text, /stroke/, 'the case page never shows what was disclosed');
	assert.match(page.text, new RegExp(`name="purpose" value="Handling complaint ${c.body.reference}"`));
	assert.equal(reads(), before, 'looking at the case reads nothing');
	const shown = await alice.post(`/people/${id}`, { purpose: `Handling complaint ${c.body.reference}` });
	assert.equal(shown.status, 200);
	assert.match(shown.text, /Lives alone after a stroke/);
	assert.equal(reads(), before + 1, 'the read is recorded');
	const none = await alice.post(`/people/${id}`, { purpose: '  ' });
	assert.equal(none.status, 422, 'a purpose is needed');
	assert.doesNotMatch(none.text, /stroke/);

	const lead = await signedIn('rhian.lead');
	const leadPage = await lead.get(`/cases/${c.body.reference}`);
	assert.match(leadPage.text, /Only handlers and complaints officers may read it/);
	const refused = await lead.post(`/people/${id}`, { purpose: 'Curious' });
	assert.equal(refused.status, 403);
	assert.doesNotMatch(refused.text, /stroke/);
	assert.equal(reads(), before + 1, 'a refused read records nothing');
});

/* ---- the oversight registers ---------------------------------------------- */

/* A complaint made through the API, for a register record to name. */
async function complaintFor(name) {
	const c = await srv.post('/api/v1/complaints', { channel: 'phone', description: `Heating (${name})`,
		category: 'repairs', complainant: { name, phone: '0100 222' } }, { as: 'handler' });
	assert.equal(c.status, 201, c.text);
	return c.body.reference;
}

async function registerCount(path, as = 'complaints_officer') {
	const r = await srv.get(`/api/v1/${path}`, { as });
	assert.equal(r.status, 200, r.text);
	return r.body.length;
}

/* What a refused form said, for assertion messages. */
const why = (r) => `${r.status}: ${(r.text.match(/govuk-error-summary__list">([\s\S]*?)<\/ul>/) || [])[1] || r.text.slice(0, 300)}`;

const date = (name, iso) => {
	const [y, m, d] = iso.split('-');
	return { [`${name}.day`]: d, [`${name}.month`]: m, [`${name}.year`]: y };
};

test('registers: an Ombudsman case from referral to closure through the forms', async () => {
	const ref = await complaintFor('Omar Referral');
	const v = await signedIn('olu.officer');
	const index = await v.get('/registers');
	assert.equal(index.status, 200);
	assert.match(index.text, /href="\/registers\/ombudsman-cases">Ombudsman cases</);
	assert.match(index.text, /href="\/registers" aria-current="page">Registers</, 'in the navigation');
	const before = await registerCount('ombudsman-cases');

	const casePage = await v.get(`/cases/${ref}`);
	assert.match(casePage.text, new RegExp(`href="/registers/ombudsman-cases/new\\?complaint=${ref}">record the referral`),
		'the case page links to the referral form');
	const form = await v.get(`/registers/ombudsman-cases/new?complaint=${ref}`);
	assert.equal(form.status, 200);
	assert.match(form.text, new RegExp(`name="complaint" type="text" aria-describedby="f-complaint-hint" value="${ref}"`));
	const made = await v.post('/registers/ombudsman-cases/new', { complaint: ref, ...date('referred_on', '2026-11-23'),
		ombudsman_reference: '202612345', summary: 'Resident unhappy with <i>heating</i> repairs' });
	assert.equal(made.status, 303, why(made));
	const m = made.location.match(/^\/registers\/ombudsman-cases\/(OMB-2026-\d{6})\?done=new$/);
	assert.ok(m, made.location);
	const omb = m[1];
	assert.equal(await registerCount('ombudsman-cases'), before + 1);
	let page = await v.get(made.location);
	assert.equal(page.status, 200);
	assert.match(page.text, /The referral has been recorded/);
	assert.match(page.text, new RegExp(`<a class="govuk-link" href="/cases/${ref}">${ref}</a>`));
	assert.match(page.text, /Resident unhappy with &lt;i&gt;heating&lt;\/i&gt; repairs/);
	assert.match(page.text, /<strong>23 November 2026<\/strong>: Referred by olu\.officer/);

	// An information request, due in nine days: listed with its due date.
	await v.get(`/registers/ombudsman-cases/${omb}/request`);
	let r = await v.post(`/registers/ombudsman-cases/${omb}/request`, { what: 'The <b>repair</b> log',
		...date('due_on', '2026-12-02') });
	assert.equal(r.status, 303, why(r));
	assert.equal(r.location, `/registers/ombudsman-cases/${omb}?done=request`);
	page = await v.get(r.location);
	assert.match(page.text, /The information request has been recorded/);
	assert.match(page.text, /<td class="govuk-table__cell rd-pre">The &lt;b&gt;repair&lt;\/b&gt; log<\/td>/);
	assert.match(page.text, /2 December 2026/);
	assert.match(page.text, new RegExp(`href="/registers/ombudsman-cases/${omb}/answer\\?n=1"`));
	const api = await srv.get(`/api/v1/ombudsman-cases/${omb}`, { as: 'complaints_officer' });
	assert.equal(api.body.information_requests[0].due_on, '2026-12-02');
	const list = await v.get('/registers/ombudsman-cases');
	assert.match(list.text.split(omb)[2] || '', /^<\/a><\/th>\n<td class="govuk-table__cell"><a class="govuk-link" href="\/cases\/CMP-[^"]+">CMP-[\d-]+<\/a> <\/td>\n<td class="govuk-table__cell">202612345<\/td>\n<td class="govuk-table__cell">23 November 2026<\/td>\n<td class="govuk-table__cell">2 December 2026<\/td>\n<td class="govuk-table__cell">Open<\/td>/,
		'the list shows the complaint, the dates and the status');
	// Working days instead of a date: 3 working days from Monday 23 November.
	r = await v.post(`/registers/ombudsman-cases/${omb}/request`, { what: 'Photos', working_days: '3' });
	assert.equal(r.status, 303, why(r));

	// The answer to request 1.
	const af = await v.get(`/registers/ombudsman-cases/${omb}/answer?n=1`);
	assert.equal(af.status, 200);
	assert.match(af.text, /Number 1: The &lt;b&gt;repair&lt;\/b&gt; log/);
	assert.equal((await v.get(`/registers/ombudsman-cases/${omb}/answer?n=9`)).status, 404);
	r = await v.post(`/registers/ombudsman-cases/${omb}/answer`, { n: '1', summary: 'Sent the repair log' });
	assert.equal(r.status, 303, why(r));
	page = await v.get(r.location);
	assert.doesNotMatch(page.text, new RegExp(`${omb}/answer\\?n=1"`), 'answered: no form offered');
	assert.match(page.text, new RegExp(`${omb}/answer\\?n=2"`));
	// Answering it twice is refused by the rules.
	r = await v.post(`/registers/ombudsman-cases/${omb}/answer`, { n: '1', summary: 'Again' });
	assert.equal(r.status, 409);

	// A determination, an order, compliance with evidence, closure.
	r = await v.post(`/registers/ombudsman-cases/${omb}/determine`, { issue: 'Heating repairs',
		finding: 'maladministration', reasons: 'Delay' });
	assert.equal(r.status, 303, why(r));
	r = await v.post(`/registers/ombudsman-cases/${omb}/order`, { kind: 'compensation', description: 'Pay £150',
		determination: '1', ...date('due_on', '2026-12-21') });
	assert.equal(r.status, 422, 'compensation needs an amount');
	assert.match(r.text, /href="#f-amount"/);
	assert.match(r.text, /clause 9\.7/);
	assert.match(r.text, /Pay £150<\/textarea>/);
	r = await v.post(`/registers/ombudsman-cases/${omb}/order`, { kind: 'compensation', description: 'Pay £150',
		determination: '1', amount: '150', ...date('due_on', '2026-12-21') });
	assert.equal(r.status, 303, why(r));
	page = await v.get(r.location);
	assert.match(page.text, /£150\.00/);
	assert.match(page.text, /21 December 2026/);
	r = await v.post(`/registers/ombudsman-cases/${omb}/close`, {});
	assert.equal(r.status, 422, 'not while an order is outstanding');
	assert.match(r.text, /order 1 has not been complied with/);
	assert.match(r.text, /clause 9\.7/);
	r = await v.post(`/registers/ombudsman-cases/${omb}/comply`, { n: '1', evidence: 'Payment reference 7781' });
	assert.equal(r.status, 303, why(r));
	r = await v.post(`/registers/ombudsman-cases/${omb}/failure-order`, { type: '2', ground: 'Slow evidence' });
	assert.equal(r.status, 303, why(r));
	r = await v.post(`/registers/ombudsman-cases/${omb}/comply-failure-order`, { n: '1', evidence: 'Sent' });
	assert.equal(r.status, 303, why(r));
	r = await v.post(`/registers/ombudsman-cases/${omb}/close`, {});
	assert.equal(r.status, 303, why(r));
	page = await v.get(r.location);
	assert.match(page.text, /id="status">closed</);
	assert.doesNotMatch(page.text, /id="actions"/, 'a closed case offers nothing more');
	assert.match(page.text, /Payment reference 7781/);
	const done = await srv.get(`/api/v1/ombudsman-cases/${omb}`, { as: 'complaints_officer' });
	assert.equal(done.body.status, 'closed');
	assert.equal(done.body.failure_orders[0].type, 2);
	assert.equal(done.body.orders[0].amount, 150);
});

test('registers: a refused form answers on its field with the clause, keeps what was typed, stores nothing', async () => {
	const ref = await complaintFor('Rita Refused');
	const v = await signedIn('olu.officer');
	const made = await v.post('/registers/ombudsman-cases/new', { complaint: ref });
	assert.equal(made.status, 303, why(made));
	const omb = made.location.split('/')[3].split('?')[0];
	const requests = async () => (await srv.get(`/api/v1/ombudsman-cases/${omb}`, { as: 'complaints_officer' }))
		.body.information_requests.length;

	// A due date before today (the request's date).
	let digest = srv.digest();
	let r = await v.post(`/registers/ombudsman-cases/${omb}/request`, { what: 'Tenancy <file>',
		...date('due_on', '2026-11-20') });
	assert.equal(r.status, 422);
	assert.match(r.text, /<title>Error: /);
	assert.match(r.text, /<a href="#f-due_on-day">due_on is before requested_on \(Code 4\.1\)<\/a>/);
	assert.match(r.text, /clause 4\.1/);
	assert.match(r.text, /id="f-due_on-error"/);
	assert.match(r.text, /Tenancy &lt;file&gt;<\/textarea>/);
	assert.match(r.text, /name="due_on.day" type="text" inputmode="numeric" value="20"/);
	assert.equal(await requests(), 0);
	assert.equal(srv.digest(), digest);

	// A missing field: the referral names no complaint.
	const before = await registerCount('ombudsman-cases');
	r = await v.post('/registers/ombudsman-cases/new', { ombudsman_reference: 'X-1' });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="f-complaint-error"/);
	assert.match(r.text, /clause 4\.1/);
	assert.match(r.text, /value="X-1"/);
	// A date that is not one.
	r = await v.post('/registers/ombudsman-cases/new', { complaint: ref, ...date('referred_on', '2026-02-31') });
	assert.equal(r.status, 422);
	assert.match(r.text, /id="f-referred_on-error"/);
	assert.equal(await registerCount('ombudsman-cases'), before);

	// An improvement with no complaint behind it (Code 9.1).
	const imps = await registerCount('improvements');
	digest = srv.digest();
	r = await v.post('/registers/improvements/new', { title: 'Faster repairs', owner: 'Repairs lead',
		...date('due_on', '2027-03-31') });
	assert.equal(r.status, 422);
	assert.match(r.text, /href="#f-complaints"/);
	assert.match(r.text, /clause 9\.1/);
	assert.equal(await registerCount('improvements'), imps);
	assert.equal(srv.digest(), digest);
});

test('registers: each form has the roles of its API route; others get 403 and nothing is stored', async () => {
	const ref = await complaintFor('Hal Handler');
	const before = await registerCount('ombudsman-cases');
	const digest = srv.digest();
	const alice = await signedIn('alice');
	// A handler sees Ombudsman cases, but may not record them (officer, senior lead).
	let r = await alice.get('/registers/ombudsman-cases');
	assert.equal(r.status, 200);
	assert.doesNotMatch(r.text, /Record a referral/);
	assert.doesNotMatch((await alice.get(`/cases/${ref}`)).text, /record the referral/);
	r = await alice.get('/registers/ombudsman-cases/new');
	assert.equal(r.status, 403);
	assert.match(r.text, /You cannot see this page/);
	r = await alice.post('/registers/ombudsman-cases/new', { complaint: ref });
	assert.equal(r.status, 403);
	assert.equal(await registerCount('ombudsman-cases'), before);
	assert.equal(srv.digest(), digest);
	// ... nor record exceptional circumstances (senior lead, admin).
	r = await alice.post('/registers/exceptional-circumstances/new', { reason: 'Flood',
		...date('expected_return_on', '2026-12-31') });
	assert.equal(r.status, 403);
	// The board sees exceptional circumstances only, and may post nothing.
	const board = await signedIn('board.mrc');
	r = await board.get('/registers');
	assert.equal(r.status, 200);
	assert.match(r.text, /Exceptional circumstances/);
	assert.doesNotMatch(r.text, /Ombudsman cases|Improvements/);
	assert.equal((await board.get('/registers/exceptional-circumstances')).status, 200);
	assert.equal((await board.get('/registers/ombudsman-cases')).status, 403);
	assert.equal((await board.get('/registers/training-records')).status, 403);
	r = await board.post('/registers/exceptional-circumstances/new', { reason: 'Flood',
		...date('expected_return_on', '2026-12-31') });
	assert.equal(r.status, 403);
	assert.equal(srv.digest(), digest);
	// Unknown registers and records.
	assert.equal((await alice.get('/registers/nothing')).status, 404);
	assert.equal((await alice.get('/registers/ombudsman-cases/OMB-1999-999999')).status, 404);
	assert.equal((await alice.get('/registers/ombudsman-cases/OMB-1999-999999/request')).status, 404);
	// Signed out: sign in first.
	const anon = new Visitor();
	r = await anon.get('/registers/ombudsman-cases');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/sign-in');
});

test('registers: a form without its CSRF token is refused and nothing is stored', async () => {
	const ref = await complaintFor('Cora Csrf');
	const v = await signedIn('olu.officer');
	const other = await signedIn('sam.officer');
	await v.get('/registers/ombudsman-cases/new');
	const before = await registerCount('ombudsman-cases');
	const digest = srv.digest();
	let r = await v.go('POST', '/registers/ombudsman-cases/new', { complaint: ref });
	assert.equal(r.status, 403);
	assert.match(r.text, /The form has expired/);
	r = await v.go('POST', '/registers/ombudsman-cases/new', { complaint: ref, csrf: other.csrf });
	assert.equal(r.status, 403);
	r = await v.go('POST', '/registers/improvements/new', { title: 'T', owner: 'O', complaints: ref,
		...date('due_on', '2027-01-29') });
	assert.equal(r.status, 403);
	assert.equal(await registerCount('ombudsman-cases'), before);
	assert.equal(srv.digest(), digest);
});

test('registers: an improvement, exceptional circumstances and a training record through the forms', async () => {
	const ref = await complaintFor('Ivor Improvement');
	const ref2 = await complaintFor('Ivy Improvement');
	const alice = await signedIn('alice');
	let r = await alice.post('/registers/improvements/new', { title: 'Check boilers before winter',
		complaints: `${ref}\r\n${ref2}\r\n`, category: 'repairs', owner: 'Repairs lead',
		...date('due_on', '2027-01-29') });
	assert.equal(r.status, 303, why(r));
	const imp = r.location.split('/')[3].split('?')[0];
	let page = await alice.get(r.location);
	assert.match(page.text, new RegExp(`href="/cases/${ref}">${ref}</a> <a class="govuk-link" href="/cases/${ref2}">`));
	assert.match(page.text, /id="status">planned</);
	r = await alice.post(`/registers/improvements/${imp}/update`, { note: 'Survey of boilers started',
		status: 'in_progress' });
	assert.equal(r.status, 303, why(r));
	r = await alice.post(`/registers/improvements/${imp}/update`, { note: 'Done', status: 'completed' });
	assert.equal(r.status, 422, 'an outcome is needed to complete it');
	assert.match(r.text, /clause 9\.3/);
	assert.match(r.text, /id="f-outcome-error"/);
	r = await alice.post(`/registers/improvements/${imp}/update`, { note: 'Done', status: 'completed',
		outcome: 'Every boiler checked in October' });
	assert.equal(r.status, 303, why(r));
	page = await alice.get(r.location);
	assert.match(page.text, /id="status">completed</);
	assert.match(page.text, /Every boiler checked in October/);
	assert.doesNotMatch(page.text, new RegExp(`${imp}/update"`));
	const api = await srv.get(`/api/v1/improvements/${imp}`, { as: 'handler' });
	assert.deepEqual(api.body.complaints, [ref, ref2]);
	assert.equal(api.body.updates.length, 2);

	// Exceptional circumstances: a senior lead; they end once the Ombudsman and residents were told.
	const lead = await signedIn('rhian.lead');
	r = await lead.post('/registers/exceptional-circumstances/new', { reason: 'Cyber attack',
		...date('started_on', '2026-11-20'), ...date('expected_return_on', '2026-12-18'),
		...date('ombudsman_informed_on', '2026-11-20'), ombudsman_told: 'Systems down' });
	assert.equal(r.status, 303, why(r));
	const exc = r.location.split('/')[3].split('?')[0];
	r = await lead.post(`/registers/exceptional-circumstances/${exc}/end`, {});
	assert.equal(r.status, 422);
	assert.match(r.text, /clause 8\.5/);
	r = await lead.post(`/registers/exceptional-circumstances/${exc}/update`, {
		...date('residents_informed_on', '2026-11-23'), residents_told: 'Replies may be late' });
	assert.equal(r.status, 303, why(r));
	r = await lead.post(`/registers/exceptional-circumstances/${exc}/end`, { note: 'Systems back' });
	assert.equal(r.status, 303, why(r));
	page = await lead.get(r.location);
	assert.match(page.text, /id="status">ended</);
	assert.match(page.text, /Replies may be late/);

	// Training: the admin records it; a handler may only look.
	const admin = await signedIn('admin');
	r = await admin.get('/registers/training-records/new');
	assert.equal(r.status, 200);
	assert.match(r.text, /<option value="alice">alice<\/option>/);
	r = await admin.post('/registers/training-records/new', { user: 'alice', course: 'Complaint Handling Code',
		...date('completed_on', '2026-11-02'), ...date('expires_on', '2027-11-02') });
	assert.equal(r.status, 303, why(r));
	page = await alice.get(r.location.split('?')[0]);
	assert.equal(page.status, 200);
	assert.match(page.text, /Complaint Handling Code/);
	assert.match(page.text, /2 November 2027/);
	assert.equal((await alice.get('/registers/training-records/new')).status, 403);

	// Quality reviews and surveys: listed for staff, with their forms.
	for (const path of ['/registers/quality-reviews', '/registers/surveys', '/registers/training-records',
		'/registers/surveys/schedule']) {
		const l = await alice.get(path);
		assert.equal(l.status, 200, path);
	}
	const officer = await signedIn('olu.officer');
	r = await officer.get('/registers/quality-reviews/sample');
	assert.equal(r.status, 200);
	assert.match(r.text, /name="reviewers" type="checkbox" value="alice"/);
	assert.equal((await officer.get('/registers/quality-reviews/new')).status, 200);
	const surveys = await registerCount('surveys');
	await alice.get('/registers/surveys/schedule');
	r = await alice.post('/registers/surveys/schedule', {});
	assert.equal(r.status, 303, why(r));
	assert.equal(r.location, '/registers/surveys?done=schedule');
	assert.match((await alice.get(r.location)).text, /The surveys due have been scheduled/);
	const all = (await srv.get('/api/v1/surveys', { as: 'handler' })).body;
	assert.ok(all.length >= surveys);
	const due = all.find((x) => x.status === 'due');
	assert.ok(due, 'the demo has a survey due');
	page = await alice.get(`/registers/surveys/${due.reference}`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`href="/cases/${due.complaint}"`));
	r = await alice.post(`/registers/surveys/${due.reference}/answer`, { 'answers.overall': '9' });
	assert.equal(r.status, 422, 'answers are from 1 to 5');
	assert.match(r.text, /id="f-answers-overall-error"/);
	r = await alice.post(`/registers/surveys/${due.reference}/answer`, { 'answers.overall': '4',
		comments: 'Kept informed' });
	assert.equal(r.status, 303, why(r));
	const sv = await srv.get(`/api/v1/surveys/${due.reference}`, { as: 'handler' });
	assert.deepEqual(sv.body.answers, { overall: 4 });
});

test('registers: the Ombudsman\'s reports through the forms, their kinds in words, refusals and roles', async () => {
	const ref = await complaintFor('Dana Damp');
	const imp = await srv.post('/api/v1/improvements', { title: 'Damp surveys within 10 days', complaints: [ref],
		owner: 'Asset manager', due_on: '2027-03-31' }, { as: 'complaints_officer' });
	assert.equal(imp.status, 201, imp.text);
	const before = await registerCount('ombudsman-reports');
	const v = await signedIn('olu.officer');

	// The register is listed, and its form offers the kinds in words.
	assert.match((await v.get('/registers')).text, /href="\/registers\/ombudsman-reports">Ombudsman reports</);
	let r = await v.get('/registers/ombudsman-reports');
	assert.equal(r.status, 200);
	assert.match(r.text, /href="\/registers\/ombudsman-reports\/new">Record a report of the Ombudsman</);
	const form = await v.get('/registers/ombudsman-reports/new');
	assert.equal(form.status, 200);
	assert.match(form.text, /name="kind" type="radio" value="annual_landlord_report"><label [^>]+>Annual landlord performance report<\/label>/);
	assert.match(form.text, /name="kind" type="radio" value="spotlight_report"><label [^>]+>Spotlight report<\/label>/);

	// Published tomorrow: refused on its field with the clause, nothing stored.
	const spot = { kind: 'spotlight_report', title: 'Spotlight on <b>damp</b>', summary: 'Names us',
		complaints: `${ref}\r\n` };
	let digest = srv.digest();
	r = await v.post('/registers/ombudsman-reports/new', { ...spot, ...date('published_on', '2026-11-24') });
	assert.equal(r.status, 422, why(r));
	assert.match(r.text, /<a href="#f-published_on-day">published_on is in the future: record the report once it is published \(Code 8\.1\)<\/a>/);
	assert.match(r.text, /clause 8\.1/);
	assert.match(r.text, /id="f-published_on-error"/);
	assert.match(r.text, /value="Spotlight on &lt;b&gt;damp&lt;\/b&gt;"/, 'what was typed is kept');
	assert.match(r.text, /value="spotlight_report" checked>/);
	assert.equal(await registerCount('ombudsman-reports'), before);
	assert.equal(srv.digest(), digest);
	// An annual landlord performance report must say which year it covers.
	r = await v.post('/registers/ombudsman-reports/new', { kind: 'annual_landlord_report', title: 'LPR',
		summary: 'S', ...date('published_on', '2026-10-15') });
	assert.equal(r.status, 422, why(r));
	assert.match(r.text, /<a href="#f-year">year is required/);
	assert.match(r.text, /id="f-year-error"/);
	assert.match(r.text, /clause 8\.1/);
	// ... and a year not over when it was published (2026/27 ends on 31 March 2027).
	r = await v.post('/registers/ombudsman-reports/new', { kind: 'annual_landlord_report', title: 'LPR',
		summary: 'S', year: '2026', ...date('published_on', '2026-10-15') });
	assert.equal(r.status, 422, why(r));
	assert.match(r.text, /<a href="#f-year">year 2026 \(2026\/27\) had not ended/);
	assert.equal(await registerCount('ombudsman-reports'), before);
	assert.equal(srv.digest(), digest);

	// A handler may read the register but not record in it (officer, senior lead, admin).
	const alice = await signedIn('alice');
	r = await alice.get('/registers/ombudsman-reports');
	assert.equal(r.status, 200);
	assert.doesNotMatch(r.text, /Record a report of the Ombudsman/);
	assert.equal((await alice.get('/registers/ombudsman-reports/new')).status, 403);
	r = await alice.post('/registers/ombudsman-reports/new', { ...spot, ...date('published_on', '2026-11-02') });
	assert.equal(r.status, 403);
	assert.match(r.text, /You cannot see this page/);
	assert.equal(await registerCount('ombudsman-reports'), before);
	assert.equal(srv.digest(), digest);

	// Recorded: the record page has the kind in words and links the complaint.
	r = await v.post('/registers/ombudsman-reports/new', { ...spot, ...date('published_on', '2026-11-02'),
		url: 'https://www.housing-ombudsman.org.uk/spotlight-damp' });
	assert.equal(r.status, 303, why(r));
	const m = r.location.match(/^\/registers\/ombudsman-reports\/(OMR-\d{6})\?done=new$/);
	assert.ok(m, r.location);
	const omr = m[1];
	assert.equal(await registerCount('ombudsman-reports'), before + 1);
	let page = await v.get(r.location);
	assert.equal(page.status, 200);
	assert.match(page.text, /The report has been recorded/);
	assert.match(page.text, /<dt class="govuk-summary-list__key">Kind<\/dt>\n<dd class="govuk-summary-list__value rd-pre">Spotlight report<\/dd>/);
	assert.match(page.text, /Spotlight on &lt;b&gt;damp&lt;\/b&gt;/);
	assert.match(page.text, /2 November 2026/);
	assert.match(page.text, new RegExp(`<a class="govuk-link" href="/cases/${ref}">${ref}</a>`));
	assert.match(page.text, /href="https:\/\/www\.housing-ombudsman\.org\.uk\/spotlight-damp"/);
	assert.match(page.text, /id="status">received</);
	assert.match(page.text, /No updates yet\./);
	const api = await srv.get(`/api/v1/ombudsman-reports/${omr}`, { as: 'board' });
	assert.equal(api.body.kind, 'spotlight_report', 'the API keeps the machine name');
	assert.deepEqual(api.body.complaints, [ref]);

	// In the list, newest first: the kind in words, no year covered, the status.
	const list = await v.get('/registers/ombudsman-reports');
	assert.match(list.text.split(`${omr}</a></th>`)[1] || '', /^\n<td class="govuk-table__cell">Spotlight report<\/td>\n<td class="govuk-table__cell">Spotlight on &lt;b&gt;damp&lt;\/b&gt;<\/td>\n<td class="govuk-table__cell">2 November 2026<\/td>\n<td class="govuk-table__cell"><\/td>\n<td class="govuk-table__cell">Received<\/td>/,
		'the list shows the kind in words, the title, the date and the status');
	// The demo's annual landlord performance report, with the year it covers.
	assert.match(list.text, /<td class="govuk-table__cell">Annual landlord performance report<\/td>\n<td class="govuk-table__cell">Landlord performance report 2025-26<\/td>\n<td class="govuk-table__cell">25 September 2026<\/td>\n<td class="govuk-table__cell">2025\/26<\/td>/);
	assert.doesNotMatch(list.text, /spotlight_report|annual_landlord_report/);

	// Our response, linking the improvement: the record and its history.
	const lead = await signedIn('rhian.lead');
	r = await lead.get(`/registers/ombudsman-reports/${omr}/update`);
	assert.equal(r.status, 200);
	r = await lead.post(`/registers/ombudsman-reports/${omr}/update`, { ...date('on', '2026-11-01') ,
		landlord_response: 'An action plan' });
	assert.equal(r.status, 422, 'not answered before it was published');
	assert.match(r.text, /id="f-on-error"/);
	r = await lead.post(`/registers/ombudsman-reports/${omr}/update`, { landlord_response: 'An action plan on damp',
		improvements: imp.body.reference, ...date('on', '2026-11-20') });
	assert.equal(r.status, 303, why(r));
	assert.equal(r.location, `/registers/ombudsman-reports/${omr}?done=update`);
	page = await lead.get(r.location);
	assert.match(page.text, /The update has been added/);
	assert.match(page.text, /id="status">responded</);
	assert.match(page.text, /<dt class="govuk-summary-list__key">Our response<\/dt>\n<dd class="govuk-summary-list__value rd-pre">An action plan on damp<\/dd>/);
	assert.match(page.text, new RegExp(`<a class="govuk-link" href="/registers/improvements/${imp.body.reference}">${imp.body.reference}</a>`));
	assert.match(page.text, /<td class="govuk-table__cell rd-pre">20 November 2026<\/td>\n<td class="govuk-table__cell rd-pre">An action plan on damp<\/td>/);
	assert.match(page.text, /<strong>20 November 2026<\/strong>: Updated by rhian\.lead: An action plan on damp/);

	// The board reads it, and may not withdraw it; the officer withdraws it.
	const board = await signedIn('board.mrc');
	assert.equal((await board.get(`/registers/ombudsman-reports/${omr}`)).status, 200);
	assert.doesNotMatch((await board.get(`/registers/ombudsman-reports/${omr}`)).text, /id="actions"/);
	digest = srv.digest();
	r = await board.post(`/registers/ombudsman-reports/${omr}/withdraw`, { reason: 'Twice' });
	assert.equal(r.status, 403);
	assert.equal(srv.digest(), digest);
	r = await v.post(`/registers/ombudsman-reports/${omr}/withdraw`, {});
	assert.equal(r.status, 422);
	assert.match(r.text, /id="f-reason-error"/);
	r = await v.post(`/registers/ombudsman-reports/${omr}/withdraw`, { reason: 'Recorded twice' });
	assert.equal(r.status, 303, why(r));
	page = await v.get(r.location);
	assert.match(page.text, /id="status">withdrawn</);
	assert.match(page.text, /Recorded twice/);
	assert.doesNotMatch(page.text, /id="actions"/, 'a withdrawn record takes no more actions');
	assert.equal((await srv.get(`/api/v1/ombudsman-reports/${omr}`, { as: 'board' })).body.status, 'withdrawn');
});

test('a register list is paged: 50 records a page, newest first', async () => {
	const have = await registerCount('training-records', 'admin');
	for (let i = have; i < 53; i++) {
		const r = await srv.post('/api/v1/training-records',
			{ user: 'alice', course: `Course ${i}`, completed_on: '2026-10-01' }, { as: 'admin' });
		assert.equal(r.status, 201, r.text);
	}
	const total = await registerCount('training-records', 'admin');
	assert.ok(total >= 53 && total <= 100, `${total} records`);
	const refs = (await srv.get('/api/v1/training-records', { as: 'admin' })).body
		.map((x) => x.reference).sort();
	const admin = await signedIn('admin');
	const rows = (html) => [...html.matchAll(/href="\/registers\/training-records\/(TRN-\d{6})"/g)]
		.map((m) => m[1]);
	let page = await admin.get('/registers/training-records');
	assert.equal(page.status, 200);
	// the 50 newest, newest first; a link to the next page, none to the previous
	assert.deepEqual(rows(page.text), refs.slice(-50).reverse());
	assert.match(page.text, new RegExp(`${total} records, newest first; 2 pages of 50`));
	assert.match(page.text, /href="\/registers\/training-records\?page=2" rel="next"/);
	assert.doesNotMatch(page.text, /rel="prev"/);
	page = await admin.get('/registers/training-records?page=2');
	assert.equal(page.status, 200);
	assert.deepEqual(rows(page.text), refs.slice(0, total - 50).reverse());
	assert.match(page.text, /href="\/registers\/training-records\?page=1" rel="prev"/);
	assert.doesNotMatch(page.text, /rel="next"/);
	assert.equal((await admin.get('/registers/training-records?page=3')).status, 404);
	assert.equal((await admin.get('/registers/training-records?page=0')).status, 400);
	assert.equal((await admin.get('/registers/training-records?page=two')).status, 400);
});

finalChecks(() => srv);
