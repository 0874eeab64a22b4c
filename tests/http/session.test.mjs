// Signing in with a name and password: the session cookie, what it
// allows, a wrong password, and signing out.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { PASSWORD, PASSWORD_USER, assertProblem, finalChecks, startServer } from './harness.mjs';

let srv;
let cookie;	// "redress_session=..."
let token;

before(async () => { srv = await startServer(); });

function attrs(setCookie) {
	const [pair, ...rest] = setCookie.split(';').map((s) => s.trim());
	const a = {};
	for (const x of rest) {
		const [k, ...v] = x.split('=');
		a[k.toLowerCase()] = v.length ? v.join('=') : true;
	}
	return { pair, name: pair.split('=')[0], value: pair.split('=').slice(1).join('='), a };
}

test('sign in: 200, redress_session cookie HttpOnly, SameSite=Strict, Path=/', async () => {
	const r = await srv.post('/api/v1/session', { name: PASSWORD_USER, password: PASSWORD });
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.body, { user: 'alice', role: 'handler' });
	const set = r.headers.getSetCookie();
	assert.equal(set.length, 1);
	const c = attrs(set[0]);
	assert.equal(c.name, 'redress_session');
	assert.match(c.value, /^rd_[A-Za-z0-9_-]{40,}$/);
	assert.equal(c.a.httponly, true);
	assert.equal(c.a.samesite, 'Strict');
	assert.equal(c.a.path, '/');
	assert.equal(c.a['max-age'], String(8 * 3600));
	assert.equal(c.a.secure, undefined, 'plain http: no Secure');
	assert.ok(!r.text.includes(c.value), 'the token is not in the body');
	cookie = c.pair;
	token = c.value;
});

test('the cookie signs requests in', async () => {
	const s = await srv.get('/api/v1/session', { cookie });
	assert.equal(s.status, 200);
	assert.deepEqual(s.body, { user: 'alice', role: 'handler' });
	const list = await srv.get('/api/v1/complaints?per_page=1', { cookie });
	assert.equal(list.status, 200);
	const users = await srv.get('/api/v1/users', { cookie });
	assertProblem(users, 403);
	// An Authorization header wins over the cookie.
	const both = await srv.get('/api/v1/session', { cookie, as: 'admin' });
	assert.deepEqual(both.body, { user: 'admin', role: 'admin' });
	const bad = await srv.get('/api/v1/session', { cookie, auth: 'Bearer rd_nope' });
	assertProblem(bad, 401);
});

test('behind TLS (X-Forwarded-Proto: https) the cookie is Secure', async () => {
	const r = await srv.post('/api/v1/session', { name: PASSWORD_USER, password: PASSWORD },
		{ headers: { 'X-Forwarded-Proto': 'https' } });
	assert.equal(r.status, 200);
	assert.equal(attrs(r.headers.getSetCookie()[0]).a.secure, true);
});

test('a wrong password, an unknown user or a user with no password: 401, no cookie, the same words', async () => {
	const tries = [
		{ name: PASSWORD_USER, password: PASSWORD + 'x' },
		{ name: PASSWORD_USER, password: PASSWORD.toLowerCase() },
		{ name: 'nobody-at-all', password: PASSWORD },
		{ name: 'bilal', password: PASSWORD },
	];
	const details = new Set();
	for (const body of tries) {
		const r = await srv.post('/api/v1/session', body);
		assertProblem(r, 401, 'password');
		assert.deepEqual(r.headers.getSetCookie(), [], 'no cookie');
		details.add(r.body.detail);
	}
	assert.equal(details.size, 1, 'nothing tells which user exists');
});

test('a sign-in with a missing or extra field: 422, no cookie', async () => {
	for (const [body, field] of [[{ name: 'alice' }, 'password'], [{ password: PASSWORD }, 'name'],
		[{ name: 'alice', password: PASSWORD, remember: true }, 'remember'], [{ name: 'alice', password: 5 }, 'password']]) {
		const r = await srv.post('/api/v1/session', body);
		assertProblem(r, 422, field);
		assert.deepEqual(r.headers.getSetCookie(), []);
	}
});

test('sign out: 204, the cookie cleared, the session ended', async () => {
	const r = await srv.request('DELETE', '/api/v1/session', { cookie });
	assert.equal(r.status, 204);
	assert.equal(r.text, '');
	const c = attrs(r.headers.getSetCookie()[0]);
	assert.equal(c.name, 'redress_session');
	assert.equal(c.value, '');
	assert.equal(c.a['max-age'], '0');
	assert.equal(c.a.path, '/');
	const again = await srv.get('/api/v1/session', { cookie });
	assertProblem(again, 401, 'authorization');
	const asBearer = await srv.get('/api/v1/session', { auth: 'Bearer ' + token });
	assertProblem(asBearer, 401, 'authorization');
	const write = await srv.post('/api/v1/complaints/CMP-2026-000001/notes', { text: 'x' }, { cookie });
	assertProblem(write, 401);
});

test('signing out with a bearer token ends nothing else', async () => {
	const r = await srv.request('DELETE', '/api/v1/session', { as: 'handler' });
	assert.equal(r.status, 204);
	const s = await srv.get('/api/v1/session', { as: 'handler' });
	assert.equal(s.status, 200, 'the API token still works');
});

test('a user changes their own password; the old one stops working', async () => {
	const next = 'A-brand-new-passphrase-7';
	const short = await srv.request('PUT', '/api/v1/users/bilal/password', { as: 'bilal', body: { password: 'short' } });
	assertProblem(short, 422, 'password');
	const r = await srv.request('PUT', '/api/v1/users/bilal/password', { as: 'bilal', body: { password: next } });
	assert.equal(r.status, 204, r.text);
	const ok = await srv.post('/api/v1/session', { name: 'bilal', password: next });
	assert.equal(ok.status, 200);
	assert.deepEqual(ok.body, { user: 'bilal', role: 'handler' });
	const byAdmin = await srv.request('PUT', '/api/v1/users/bilal/password', { as: 'admin', body: { password: next + '!' } });
	assert.equal(byAdmin.status, 204);
	const old = await srv.post('/api/v1/session', { name: 'bilal', password: next });
	assertProblem(old, 401);
});

test('five wrong passwords lock the user name out for 15 minutes: 429 with Retry-After, even with the right password', async () => {
	const pw = 'Carys-own-passphrase-2';
	const set = await srv.request('PUT', '/api/v1/users/carys/password', { as: 'admin', body: { password: pw } });
	assert.equal(set.status, 204);
	for (let i = 1; i <= 5; i++) {
		const r = await srv.post('/api/v1/session', { name: 'carys', password: `wrong-guess-${i}` });
		assertProblem(r, 401);
	}
	const locked = await srv.post('/api/v1/session', { name: 'carys', password: pw });
	assertProblem(locked, 429);
	assert.ok(!locked.headers.get('set-cookie'), 'no cookie while locked out');
	const wait = Number(locked.headers.get('retry-after'));
	assert.ok(wait > 14 * 60 && wait <= 15 * 60, `Retry-After ${wait}`);
	// Another user signs in as before.
	const other = await srv.post('/api/v1/session', { name: PASSWORD_USER, password: PASSWORD });
	assert.equal(other.status, 200);
});

finalChecks(() => srv);
