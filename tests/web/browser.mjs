// browser.mjs - shared set-up for the browser tests: the demo landlord
// served by the real server (tests/http/harness.mjs), a real SMTP server on
// loopback (aiosmtpd, writing to a Maildir), and Debian's Chromium driven
// by playwright-core, with axe-core checking every page it is shown.
//
// Screenshots go to test-artifacts/screenshots (not committed).

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import net from 'node:net';

import { chromium } from 'playwright-core';
import AxeBuilderModule from '@axe-core/playwright';

import { PASSWORD, ROOT, USERS, startServer } from '../http/harness.mjs';

const AxeBuilder = AxeBuilderModule.default || AxeBuilderModule;
export const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');

function freePort() {
	return new Promise((ok, fail) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => ok(port));
		});
		s.on('error', fail);
	});
}

/* aiosmtpd on a free port, keeping every message in a Maildir. */
export async function startSmtp(dir) {
	const port = await freePort();
	const maildir = join(dir, 'maildir');
	// Debian's python3 has aiosmtpd; another python3 first in PATH may not.
	const py = ['python3', '/usr/bin/python3'].find((p) =>
		spawnSync(p, ['-c', 'import aiosmtpd']).status === 0);
	assert.ok(py, 'aiosmtpd is installed (Debian: python3-aiosmtpd)');
	const child = spawn(py, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
		'-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: 'ignore' });
	for (let i = 0; i < 100; i++) {
		const up = await new Promise((ok) => {
			const s = net.connect(port, '127.0.0.1', () => { s.end(); ok(true); });
			s.on('error', () => ok(false));
		});
		if (up)
			break;
		await new Promise((ok) => setTimeout(ok, 100));
	}
	return {
		url: `smtp://127.0.0.1:${port}`,
		stop: () => child.kill('SIGTERM'),
		/* The messages so far, as text, oldest first. */
		messages() {
			let names = [];
			try {
				names = readdirSync(join(maildir, 'new'));
			} catch { return []; }
			return names.map((n) => readFileSync(join(maildir, 'new', n), 'utf8'))
				.sort((a, b) => a.localeCompare(b));
		},
	};
}

/* The server with the demo landlord, every demo user's password set to
 * PASSWORD, the landlord's email set, and mail going to "smtp". */
export async function startWeb(smtpUrl) {
	process.env.REDRESS_ASSETS = join(ROOT, 'build', 'web');
	if (smtpUrl)
		process.env.REDRESS_SMTP_URL = smtpUrl;
	const srv = await startServer();
	for (const u of USERS)
		srv.cliOk(['user', 'passwd', u], { input: PASSWORD + '\n' });
	srv.cliOk(['policy', 'set', 'email', 'complaints@demo-homes.example']);
	srv.secrets.add(PASSWORD);
	// The server read the policy when it started: restart it.
	await srv.stop();
	await srv.start();
	return srv;
}

export async function launch() {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-dev-shm-usage'],
	});
	return browser;
}

/* Runs axe on the page: no WCAG 2.0/2.1/2.2 A or AA violations. */
export async function axe(page, what) {
	const r = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
	assert.deepEqual(v, [], `axe on ${what} (${page.url()})`);
	return r.passes.length;
}

export async function shot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/* Watches a page for anything a test must never see: a dialog (alert()
 * from injected script), a console error, a CSP violation. */
export function watch(page) {
	const seen = { dialogs: [], errors: [] };
	page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss(); });
	page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
	page.on('pageerror', (e) => seen.errors.push(String(e)));
	return seen;
}

export async function signIn(page, base, user) {
	await page.goto(base + '/sign-in');
	await page.fill('#f-name', user);
	await page.fill('#f-password', PASSWORD);
	await page.click('button:has-text("Sign in")');
	await page.waitForURL(base + '/');
}

export function hasChromium() {
	return spawnSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version']).status === 0;
}
