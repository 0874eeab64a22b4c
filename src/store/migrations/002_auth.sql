-- Sign-in secrets, kept out of the event log: they are never shown and
-- can be replaced.  Passwords are argon2id hashes; API tokens and session
-- ids are stored only as SHA-256 hashes.
CREATE TABLE credentials (
	user TEXT PRIMARY KEY,
	password_hash TEXT NOT NULL,
	changed_at TEXT NOT NULL
);

CREATE TABLE tokens (
	token_hash TEXT PRIMARY KEY,
	user TEXT NOT NULL,
	kind TEXT NOT NULL,		-- 'api' or 'session'
	created_at TEXT NOT NULL,
	expires_at TEXT			-- NULL: until revoked
);
CREATE INDEX tokens_user ON tokens (user);
