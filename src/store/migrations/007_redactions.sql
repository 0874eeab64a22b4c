-- Forgetting personal data in an append-only log (retention and erasure,
-- src/store/privacy.h).  An event's payload may be replaced, once it is
-- listed here as pending, by its redacted form; nothing else of an event
-- ever changes, and no event is ever deleted.  The redaction itself is an
-- event ("record.redacted") at the end of the record's stream naming each
-- redacted event with its original hash, the SHA-256 of its original
-- payload and the hash of its redacted form, so "redress verify" still
-- checks every chain.  This table keeps the digests of the originals.
CREATE TABLE redactions (
	stream TEXT NOT NULL,
	seq INTEGER NOT NULL,
	payload_sha256 TEXT NOT NULL,	-- of the original payload
	redacted_on TEXT NOT NULL,
	pending INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (stream, seq)
);

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NEW.id IS NOT OLD.id OR NEW.stream IS NOT OLD.stream OR NEW.seq IS NOT OLD.seq
	OR NEW.type IS NOT OLD.type OR NEW.actor IS NOT OLD.actor
	OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.effective_on IS NOT OLD.effective_on
	OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
	OR NOT EXISTS (SELECT 1 FROM redactions r
		       WHERE r.stream = OLD.stream AND r.seq = OLD.seq AND r.pending = 1)
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
