// Every route with every role: 401 without a token or with a bad one, 403
// for a role the route table does not allow, and the probe's own answer
// (never 401 or 403) for a role it does.  The matrix is ROUTES in
// harness.mjs, one line per route, checked against src/http/routes.c.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { PUBLIC, ROLES, ROLE_USER, ROUTES, assertProblem, finalChecks, routesInSource, startServer }
	from './harness.mjs';

let srv;
const real = {};

before(async () => {
	srv = await startServer();
	// Records the demo has, for the GET probes.
	const list = await srv.get('/api/v1/complaints?per_page=1', { as: 'handler' });
	real.REAL_REF = list.body.items[0].reference;
	const people = await srv.get('/api/v1/people', { as: 'handler' });
	real.REAL_PERSON = people.body[0].id;
	const srs = await srv.get('/api/v1/service-requests', { as: 'handler' });
	real.REAL_SR = srs.body[0].reference;
});

function pathOf(rt, who) {
	let p = rt.pattern;
	for (const [k, v] of Object.entries(rt.params || {}))
		p = p.replace(`{${k}}`, v === '{self}' ? who : (real[v] || v));
	return p + (rt.query || '');
}

function send(rt, opts, who = 'nobody') {
	const o = { ...opts };
	if (rt.body !== undefined)
		o.body = rt.body;
	return srv.request(rt.method, pathOf(rt, who), o);
}

test('the matrix has one line for every route of routes.c, with its roles', () => {
	const source = routesInSource();
	assert.ok(source.length >= 60, `routes.c lists ${source.length} routes`);
	const mine = new Map(ROUTES.map((r) => [`${r.method} ${r.pattern}`, r]));
	const missing = [];
	for (const s of source) {
		const r = mine.get(`${s.method} ${s.pattern}`);
		if (!r) {
			missing.push(`${s.method} ${s.pattern}`);
			continue;
		}
		assert.deepEqual(r.roles, s.roles, `roles of ${s.method} ${s.pattern}`);
	}
	assert.deepEqual(missing, [], 'routes in routes.c with no line in ROUTES (harness.mjs): add one each');
	const theirs = new Set(source.map((s) => `${s.method} ${s.pattern}`));
	assert.deepEqual(ROUTES.filter((r) => !theirs.has(`${r.method} ${r.pattern}`)).map((r) => r.pattern), [],
		'lines in ROUTES for routes routes.c no longer has');
});

test('without a token: 401 problem+json with WWW-Authenticate on every signed-in route', async () => {
	for (const rt of ROUTES.filter((r) => r.roles !== PUBLIC)) {
		const r = await send(rt, {});
		assertProblem(r, 401, 'authorization');
		assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="redress"', rt.pattern);
	}
});

test('a bad bearer token, a Basic header or a bad session cookie: 401 on every signed-in route', async () => {
	const tries = [
		{ auth: 'Bearer rd_nope' },
		{ auth: 'Basic xyz' },
		{ auth: 'Bearer ' },
		{ auth: 'Bearer ' + 'rd_' + 'A'.repeat(43) },
		{ cookie: 'redress_session=rd_nope' },
	];
	for (const rt of ROUTES.filter((r) => r.roles !== PUBLIC))
		for (const t of tries) {
			const r = await send(rt, t);
			assertProblem(r, 401, 'authorization');
		}
});

test('a valid token with anything after it is not valid', async () => {
	const r = await srv.get('/api/v1/session', { auth: 'Bearer ' + srv.tok('handler') + 'x' });
	assertProblem(r, 401, 'authorization');
	const ok = await srv.get('/api/v1/session', { auth: 'bearer ' + srv.tok('handler') });
	assert.equal(ok.status, 200, 'the scheme is case-insensitive (RFC 9110 11.1)');
});

test('public routes answer without a token', async () => {
	for (const rt of ROUTES.filter((r) => r.roles === PUBLIC)) {
		const r = await send(rt, {});
		assert.equal(r.status, rt.ok, `${rt.method} ${rt.pattern}: ${r.text.slice(0, 200)}`);
	}
});

test('every role: 403 where the table does not allow it, the probe answer where it does', async () => {
	const wrong = [];
	for (const rt of ROUTES.filter((r) => r.roles !== PUBLIC))
		for (const role of ROLES) {
			const who = ROLE_USER[role];
			const r = await send(rt, { as: role }, who);
			if (rt.roles.includes(role)) {
				if (r.status !== rt.ok)
					wrong.push(`${role} ${rt.method} ${rt.pattern}: want ${rt.ok}, got ${r.status} ${r.text.slice(0, 160)}`);
			} else {
				if (r.status !== 403) {
					wrong.push(`${role} ${rt.method} ${rt.pattern}: want 403, got ${r.status}`);
					continue;
				}
				assertProblem(r, 403);
				assert.ok(r.body.detail.includes(role), r.body.detail);
			}
		}
	assert.deepEqual(wrong, []);
});

test('a denied write stores nothing', async () => {
	const before = srv.digest();
	for (const rt of ROUTES.filter((r) => r.roles !== PUBLIC && r.method !== 'GET'))
		for (const role of ROLES.filter((x) => !rt.roles.includes(x)))
			await send(rt, { as: role }, ROLE_USER[role]);
	assert.equal(srv.digest(), before);
	// The users are still the nine of the demo.
	const users = await srv.get('/api/v1/users', { as: 'admin' });
	assert.equal(users.status, 200);
	assert.equal(users.body.length, 9);
});

test('tokens: a user may make their own, only an admin may make another\'s', async () => {
	const own = await srv.post('/api/v1/users/bilal/tokens', undefined, { as: 'bilal' });
	assert.equal(own.status, 201, own.text);
	assert.equal(own.body.user, 'bilal');
	assert.match(own.body.token, /^rd_/);
	const who = await srv.get('/api/v1/session', { auth: 'Bearer ' + own.body.token });
	assert.deepEqual(who.body, { user: 'bilal', role: 'handler' });

	const other = await srv.post('/api/v1/users/carys/tokens', undefined, { as: 'bilal' });
	assertProblem(other, 403, 'name');
	const admin = await srv.post('/api/v1/users/carys/tokens', undefined, { as: 'admin' });
	assert.equal(admin.status, 201);
	const nobody = await srv.post('/api/v1/users/nobody-here/tokens', undefined, { as: 'admin' });
	assertProblem(nobody, 404, 'name');
	const pw = await srv.request('PUT', '/api/v1/users/carys/password',
		{ as: 'bilal', body: { password: 'another-long-password' } });
	assertProblem(pw, 403, 'name');
});

test('the session says who the token belongs to, for every role', async () => {
	for (const role of ROLES) {
		const r = await srv.get('/api/v1/session', { as: role });
		assert.equal(r.status, 200);
		assert.deepEqual(r.body, { user: ROLE_USER[role], role });
	}
});

finalChecks(() => srv);
